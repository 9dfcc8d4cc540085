import { certificates } from "@/db/schema";
import { IMPORT_COLUMNS } from "@/lib/hr/import/csv";
import { startImport } from "@/lib/hr/import/staging";
import type { Permission } from "@/lib/permissions";
import type { Cast, Guard, Player, Refusal } from "../attackers";
import { opId } from "../fixtures";

/** A rightful request: the path (its dynamic segments in `params` too), its body, its bearer (the scheduler's secret). */
export type RouteRequest = {
  path: string;
  params?: Record<string, string>;
  body?: string;
  contentType?: string;
  bearer?: string;
  actor?: Player;
};

/** One handler of the app's route tree, by the methods that export it ("GET", or "GET, POST" for one handler of both). */
export type RouteCase = Guard & {
  permission: Permission | null;
  prepare: (cast: Cast) => Promise<RouteRequest>;
  /** The rightful answer's status: 200 unless said. */
  status?: number;
  /** How each refusal is answered: the session routes answer 404, as for a page that does not exist, unless said. */
  refusedWith?: Partial<Record<Refusal["by"], number>>;
};

/** Route files whose ways in have their cases elsewhere, or that no company's person is the caller of: each with why. */
export const ROUTES_ELSEWHERE: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "Auth.js's sign-in and sign-out: they make and end sessions, before and after anyone is known",
  "app/api/health/route.ts": "the health check answers anyone and names nothing of a company",
  "app/api/v1/openapi.json/route.ts": "the HR API's public description",
  "app/api/v1/[...path]/route.ts": "the HR API: a case for every endpoint of its registry in api.int.test.ts",
  "app/api/realtime/auth/route.ts": "channel authorization: a case for every kind of channel in channels.int.test.ts",
};

export const CRON_SECRET = "cron-secret-of-the-authorization-matrix";

/** A job of the scheduler: its secret is its caller; every person's session and every key is refused alike. */
const cronJob = (job: string): RouteCase => ({
  as: "scheduler",
  permission: `system.${job}` as Permission,
  names: false,
  refusedWith: { session: 401, permission: 401 },
  prepare: async () => ({ path: `/api/cron/${job}`, bearer: CRON_SECRET }),
});

const importCsv = () => [IMPORT_COLUMNS.join(","), `new.hire.${opId().slice(0, 8)}@acme.example,Nora New Hire,,,`, ""].join("\r\n");

/** An HR import of the company, staged and ready to confirm unless `staged` is false. */
async function importJob(cast: Cast, staged = true): Promise<string> {
  const started = await startImport(cast.db, cast.hr, { fileName: "people.csv", text: importCsv() });
  if (staged) await started.run();
  return started.job.id;
}

const notReaders = { learner: "not_found", removedMember: "not_found", hr: "not_found" } as const;

export const routeCases: Record<string, Record<string, RouteCase>> = {
  "app/(app)/admin/assignments/csv/route.ts": {
    GET: {
      as: "owner",
      permission: "assignment.overview",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => ({ path: "/admin/assignments/csv?view=group" }),
    },
  },
  "app/(app)/admin/reports/csv/route.ts": {
    GET: {
      as: "owner",
      permission: "reports.view",
      names: false,
      allows: ["nonOwnerAdmin", "hr"],
      prepare: async () => ({ path: "/admin/reports/csv" }),
    },
  },
  "app/(app)/certificates/[id]/pdf/route.ts": {
    GET: {
      // The learner's own, and what the company's admins and HR staff read.
      as: "member",
      permission: null,
      refuses: { learner: "not_found", removedMember: "not_found" },
      allows: ["hr", "nonOwnerAdmin"],
      prepare: async (cast) => {
        const [certificate] = await cast.db
          .insert(certificates)
          .values({ companyId: cast.companyId, userId: cast.member.id, courseId: cast.courseId, serial: "ACME-0001", issuedAt: new Date() })
          .returning();
        return { path: `/certificates/${certificate!.id}/pdf`, params: { id: certificate!.id } };
      },
    },
  },
  "app/(app)/groups/[id]/statistics.csv/route.ts": {
    GET: {
      // A group's figures are its owner's and the company's admins', not its members'.
      as: "owner",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => ({ path: `/groups/${cast.privateGroupId}/statistics.csv`, params: { id: cast.privateGroupId } }),
    },
  },
  "app/(app)/hr/import/template/route.ts": {
    GET: {
      as: "hr",
      permission: "hr.forms",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => ({ path: "/hr/import/template" }),
    },
  },
  "app/api/cron/imports/route.ts": { "GET, POST": cronJob("imports") },
  "app/api/cron/reminders/route.ts": { "GET, POST": cronJob("reminders") },
  "app/api/cron/rollup/route.ts": { "GET, POST": cronJob("rollup") },
  "app/api/cron/retention/route.ts": { "GET, POST": cronJob("retention") },
  "app/api/cron/sign-ins/route.ts": { "GET, POST": cronJob("sign-ins") },
  "app/api/groups/[id]/messages/route.ts": {
    GET: {
      // The chat's resync: what its readers read.
      as: "member",
      permission: null,
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      refusedWith: { session: 401 },
      prepare: async (cast) => ({ path: `/api/groups/${cast.privateGroupId}/messages?after=0`, params: { id: cast.privateGroupId } }),
    },
  },
  "app/api/groups/[id]/read/route.ts": {
    POST: {
      // The chat's read mark: its readers' own.
      as: "member",
      permission: "chat.write",
      refuses: notReaders,
      allows: ["nonOwnerAdmin"],
      status: 204,
      refusedWith: { session: 401 },
      prepare: async (cast) => ({
        path: `/api/groups/${cast.privateGroupId}/read`,
        params: { id: cast.privateGroupId },
        body: JSON.stringify({ operationId: opId() }),
        contentType: "application/json",
      }),
    },
  },
  "app/api/hr/imports/route.ts": {
    POST: {
      as: "hr",
      permission: "hr.forms",
      names: false,
      allows: ["nonOwnerAdmin"],
      status: 202,
      prepare: async () => ({ path: "/api/hr/imports", body: importCsv(), contentType: "text/csv" }),
    },
  },
  "app/api/hr/imports/[id]/route.ts": {
    GET: {
      as: "hr",
      permission: "hr.forms",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => {
        const id = await importJob(cast, false);
        return { path: `/api/hr/imports/${id}`, params: { id } };
      },
    },
  },
  "app/api/hr/imports/[id]/confirm/route.ts": {
    POST: {
      as: "hr",
      permission: "hr.forms",
      allows: ["nonOwnerAdmin"],
      status: 202,
      prepare: async (cast) => {
        const id = await importJob(cast);
        return { path: `/api/hr/imports/${id}/confirm`, params: { id } };
      },
    },
  },
  "app/api/realtime/user-auth/route.ts": {
    POST: {
      // Everyone signs in to realtime as themselves: only the signed-out are refused.
      as: "member",
      permission: null,
      names: false,
      allows: ["learner", "removedMember", "hr", "nonOwnerAdmin"],
      refusedWith: { session: 401 },
      prepare: async () => ({
        path: "/api/realtime/user-auth",
        body: "socket_id=1234.5678",
        contentType: "application/x-www-form-urlencoded",
      }),
    },
  },
};
