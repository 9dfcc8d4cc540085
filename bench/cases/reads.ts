import { listGroups } from "@/lib/groups/queries";
import { listMembers } from "@/lib/membership/queries/members";
import { searchPeople } from "@/lib/people/queries/search";
import { type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";
import { requireGroupAccess } from "@/lib/group-access/access";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

/** What people type in the add-members dialog: name and email fragments, full names, and typos. */
export const AUTOCOMPLETE_TERMS = [
  "mar",
  "anna",
  "sophie",
  "garc",
  "kowalsk",
  "nguyen",
  "schmidt",
  "dav",
  "chen",
  "lef",
  "wiliams",
  "jonh",
  "muler",
  "andersn",
  "fischr",
  "petr",
  "katarzyna nowak",
  "emma w",
  "hiroshi.t",
  "oka",
];

const rowsOf = (result: unknown) => (Array.isArray(result) ? result.length : (result as { rows: unknown[] }).rows.length);

export const autocomplete: BenchCase = readCase({
  name: "groups.autocomplete",
  target: "p95 ≤ 20 ms and ≤ 2 × bare + 2 ms",
  plan: READS,
  size: rowsOf,
  variants: ({ ctx }) =>
    AUTOCOMPLETE_TERMS.map((term) => ({
      label: term,
      run: (db) => searchPeople(db, ctx, { term, groupId: BENCH_IDS.bigGroup }),
    })),
  passes: ({ p95, bareP95 }) => p95 <= 20 && p95 <= 2 * bareP95 + 2,
});

export const groupList: BenchCase = readCase({
  name: "groups.list",
  target: "p95 ≤ 50 ms",
  plan: READS,
  size: rowsOf,
  variants: ({ ctx }) =>
    [
      { label: "active, page 1", archived: false },
      { label: "active, page 2", archived: false, page: 2 },
      { label: "active, page 45", archived: false, page: 45 },
      { label: "active, last page", archived: false, page: 90 },
      { label: "archived, page 1", archived: true },
      { label: "search 'onboarding'", archived: false, search: "onboarding" },
      { label: "search 'wave 01'", archived: false, search: "wave 01" },
    ].map(({ label, ...options }) => ({ label, run: (db) => listGroups(db, ctx, options) })),
  passes: ({ p95 }) => p95 <= 50,
});

export const memberPage: BenchCase = readCase({
  name: "groups.member-page",
  target: "p95 ≤ 30 ms",
  plan: READS,
  size: rowsOf,
  variants: ({ ctx }) =>
    [1, 2, 50, 100, 150, 200].map((page) => ({
      label: `page ${page}`,
      run: async (db) => listMembers(db, ctx, await requireGroupAccess(db, ctx, BENCH_IDS.bigGroup), { page }),
    })),
  passes: ({ p95 }) => p95 <= 30,
});
