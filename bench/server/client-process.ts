/**
 * A child process holding pusher-js clients of the bench app, one per person (a session the parent
 * made), each signed in to soketi and authorized to the channel through the app's own routes, as
 * the browser is. It stamps every event carrying an `operationKey` on arrival and reports the
 * stamps of a key once all its clients have it (or when the parent gives up on the key).
 * Spawned by `clients.ts`; talks to it over IPC.
 */
import Pusher from "pusher-js";
import { GroupEpochs } from "@/components/realtime/group-epochs";
import { type ChannelEpochData, groupChannelAt, realtimeEvents, userChannel } from "@/lib/realtime/channels";
import { resyncChat } from "./http";
import type { ChildReport, ParentCommand } from "./clients";
import type { Session } from "./sessions";

const CONNECT_CONCURRENCY = 8;

// After the parent is gone (a killed bench) there is nobody to report to, and writing would fail.
const send = (report: ChildReport) => {
  if (process.connected) process.send!(report);
};
const now = () => performance.timeOrigin + performance.now();

/** POSTs pusher-js's form to one of the app's realtime routes with the person's session cookie. */
async function authorize(url: string, cookie: string, form: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(form),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

type Start = Extract<ParentCommand, { type: "start" }>;

async function subscribed(client: Pusher, name: string) {
  const channel = client.subscribe(name);
  await new Promise<void>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve());
    channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
  });
  return channel;
}

async function connect(command: Start, { userId, cookie }: Session, onKey: (key: string) => void): Promise<Pusher> {
  const client = new Pusher(command.pusher.key, {
    cluster: "",
    wsHost: command.pusher.host,
    wsPort: command.pusher.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    userAuthentication: {
      endpoint: `${command.baseUrl}/api/realtime/user-auth`,
      transport: "ajax",
      customHandler: ({ socketId }, callback) => {
        authorize(`${command.baseUrl}/api/realtime/user-auth`, cookie, { socket_id: socketId }).then(
          (data) => callback(null, data as { auth: string; user_data: string }),
          (error: Error) => callback(error, null),
        );
      },
    },
    channelAuthorization: {
      endpoint: `${command.baseUrl}/api/realtime/auth`,
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) => {
        authorize(`${command.baseUrl}/api/realtime/auth`, cookie, { socket_id: socketId, channel_name: channelName }).then(
          (data) => callback(null, data as { auth: string }),
          (error: Error) => callback(error, null),
        );
      },
    },
  });
  client.signin();
  await client.user.signinDonePromise;
  const channel = await subscribed(client, command.channel);
  if (command.ownChannel) await subscribed(client, userChannel(userId));
  if (command.follow) followEpochs(client, command, command.follow, cookie, command.channel);
  channel.bind_global((_event: string, data: unknown) => {
    const key = (data as { operationKey?: unknown } | null)?.operationKey;
    if (typeof key === "string") onKey(key);
  });
  return client;
}

/**
 * Moves the client to each new epoch its group announces, as a page does, then resyncs the chat from
 * the start and records `epoch:<n>`. A failed move is recorded as `failed:<n>`, never silently.
 */
function followEpochs(client: Pusher, command: Start, follow: NonNullable<Start["follow"]>, cookie: string, first: string) {
  const epochs = new GroupEpochs();
  let current = first;
  const listen = (name: string) =>
    client.channel(name)?.bind(realtimeEvents.channelEpoch, (data: ChannelEpochData) => epochs.announced(data.groupId, data.epoch));
  listen(first);
  epochs.onChange(() => {
    const epoch = epochs.epochOf(follow.groupId, 0);
    const next = groupChannelAt(follow.groupId, epoch);
    client.unsubscribe(current);
    current = next;
    subscribed(client, next)
      .then(() => {
        listen(next);
        return resyncChat(command.baseUrl, cookie, follow.groupId, 0);
      })
      .then(
        () => record(`epoch:${epoch}`),
        () => record(`failed:${epoch}`),
      );
  });
}

const clients: Pusher[] = [];
const arrivals = new Map<string, number[]>();

function record(key: string): void {
  const stamp = now();
  const times = arrivals.get(key) ?? [];
  times.push(stamp);
  arrivals.set(key, times);
  if (times.length === clients.length) report(key);
}

function report(key: string): void {
  send({ type: "arrived", key, times: arrivals.get(key) ?? [] });
  arrivals.delete(key);
}

async function start(command: Start): Promise<void> {
  const queue = [...command.people];
  const connecting: Pusher[] = [];
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      for (let person = queue.shift(); person; person = queue.shift()) connecting.push(await connect(command, person, record));
    }),
  );
  clients.push(...connecting);
  send({ type: "ready", clients: clients.length });
}

process.once("disconnect", () => process.exit(0));

process.on("message", (command: ParentCommand) => {
  if (command.type === "start") {
    start(command).catch((error: Error) => send({ type: "error", message: error.message }));
  } else if (command.type === "flush") {
    report(command.key);
  } else {
    for (const client of clients) client.disconnect();
    process.exit(0);
  }
});
