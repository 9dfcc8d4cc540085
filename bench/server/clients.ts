import { type ChildProcess, fork } from "node:child_process";
import type { RunningApp } from "./app";
import type { Session } from "./sessions";

export type ParentCommand =
  | {
      type: "start";
      baseUrl: string;
      pusher: RunningApp["pusher"];
      channel: string;
      people: Session[];
      ownChannel: boolean;
      follow: EpochFollowing | null;
    }
  | { type: "flush"; key: string }
  | { type: "stop" };

export type ChildReport =
  { type: "ready"; clients: number } | { type: "error"; message: string } | { type: "arrived"; key: string; times: number[] };

/**
 * Clients that follow the group's epoch as the app's pages do (`GroupEpochs`: a random wait of up to
 * 2 s, then the new epoch's channel, authorized through the app) and then resync the chat through
 * the app's resync route; each reports the key `epoch:<n>` when it has.
 */
export type EpochFollowing = { groupId: string };

/** Arrival stamps of one key at every client that got it; `expected` is how many should have. */
export type Arrivals = { times: number[]; expected: number };

export type ClientFleet = {
  /** Resolves with every arrival of `key`, or what arrived within `timeoutMs`. */
  arrivals: (key: string, timeoutMs: number) => Promise<Arrivals>;
  stop: () => Promise<void>;
};

const SCRIPT = new URL("./client-process.ts", import.meta.url).pathname;
const READY_TIMEOUT_MS = 300_000;

/**
 * Whether `promise` settled within `ms`. The timer is cleared either way: a pending one would keep
 * the bench process alive after its last case.
 */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The clock the client processes stamp arrivals with; processes on one machine share it. */
export const clock = () => performance.timeOrigin + performance.now();

/**
 * pusher-js clients of `channel` for `people`, split over `processes` child processes (so the
 * clients' own work is not the parent's), every one signed in to soketi and subscribed before this
 * resolves; with `ownChannel`, each also subscribed to their own `private-user-*` channel, as every page is.
 */
export async function startClients(
  app: RunningApp,
  channel: string,
  people: readonly Session[],
  processes: number,
  { ownChannel = false, follow = null }: { ownChannel?: boolean; follow?: EpochFollowing | null } = {},
): Promise<ClientFleet> {
  const children: ChildProcess[] = [];
  // Per key, the stamps each child reported (by child index); a flushed child that had already
  // reported everything answers again with nothing, which adds nothing.
  type Reports = Map<number, number[]>;
  const waiting = new Map<string, { reports: Reports; done: () => void }>();
  const early = new Map<string, Reports>();
  const add = (reports: Reports, index: number, times: number[]) => reports.set(index, [...(reports.get(index) ?? []), ...times]);

  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        if (child.connected) child.send({ type: "stop" } satisfies ParentCommand);
        if (!(await within(exited, 3000))) child.kill("SIGKILL");
      }),
    );
  };

  try {
    const ready = Array.from({ length: processes }, (_, index) => {
      const child = fork(SCRIPT, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(child);
      const share = people.filter((_, i) => i % processes === index);
      return new Promise<void>((resolve, reject) => {
        child.on("message", (report: ChildReport) => {
          if (report.type === "ready") resolve();
          else if (report.type === "error") reject(new Error(`client process: ${report.message}`));
          else {
            const entry = waiting.get(report.key);
            if (entry) {
              add(entry.reports, index, report.times);
              if (entry.reports.size === processes) entry.done();
            } else early.set(report.key, add(early.get(report.key) ?? new Map(), index, report.times));
          }
        });
        child.once("exit", (code) => reject(new Error(`client process exited (${code})`)));
        child.send({
          type: "start",
          baseUrl: app.baseUrl,
          pusher: app.pusher,
          channel,
          people: share,
          ownChannel,
          follow,
        } satisfies ParentCommand);
      });
    });
    if (!(await within(Promise.all(ready), READY_TIMEOUT_MS))) {
      throw new Error(`the clients were not subscribed within ${READY_TIMEOUT_MS / 1000} s`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const arrivals = async (key: string, timeoutMs: number): Promise<Arrivals> => {
    const reports: Reports = early.get(key) ?? new Map();
    early.delete(key);
    if (reports.size < processes) {
      let done = () => {};
      const complete = new Promise<void>((resolve) => (done = resolve));
      waiting.set(key, { reports, done });
      if (!(await within(complete, timeoutMs))) {
        for (const child of children) child.send({ type: "flush", key } satisfies ParentCommand);
        await within(complete, 1000);
      }
      waiting.delete(key);
    }
    const times = [...reports.values()].flat();
    return { times, expected: people.length };
  };

  return { arrivals, stop };
}
