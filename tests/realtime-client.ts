import Pusher, { type Channel } from "pusher-js";
import { RealtimeConnection } from "@/components/realtime/realtime-connection";
import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { env } from "@/base/env";
import { canSubscribe } from "@/lib/group-access/channels";
import { channelEpoch } from "@/lib/group-access/epochs";
import { getPusher } from "@/lib/realtime/server";

/**
 * A pusher-js client of this tier's soketi, subscribed to `channelName` as `ctx`. Authorization
 * makes the channel-auth route's own decision against the test database (and records its grant). With `signIn`, the
 * client also signs in as the person (Pusher user authentication) before it resolves.
 */
export async function subscribeAs(
  db: Database,
  ctx: Ctx,
  channelName: string,
  options: { signIn?: boolean } = {},
): Promise<{ client: Pusher; channel: Channel }> {
  const { pusher } = env();
  const client = new Pusher(pusher.key, {
    cluster: pusher.cluster,
    wsHost: pusher.host,
    wsPort: pusher.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    // Signs in as the person, as the browser does, so the server can end their connections.
    userAuthentication: {
      endpoint: "unused",
      transport: "ajax",
      customHandler: ({ socketId }, callback) => callback(null, getPusher().authenticateUser(socketId, { id: ctx.userId })),
    },
    channelAuthorization: {
      endpoint: "unused",
      transport: "ajax",
      customHandler: async ({ socketId, channelName: name }, callback) => {
        if (await canSubscribe(db, ctx, name)) callback(null, getPusher().authorizeChannel(socketId, name));
        else callback(new Error("refused"), null);
      },
    },
  });
  if (options.signIn) {
    client.signin();
    await client.user.signinDonePromise;
  }
  const channel = client.subscribe(channelName);
  await new Promise<void>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve());
    channel.bind("pusher:subscription_error", reject);
  });
  return { client, channel };
}

/**
 * The browser's own connection object (`RealtimeConnection`), driven in Node against this tier's
 * soketi as `ctx`: channel authorization makes the channel-auth route's decision (and records its
 * grant), sign-in is the route's signature, and the current epoch comes from the same query as the
 * page's action. `beforeAuthorize` may hold an authorization back (a subscription kept pending).
 */
export function connectAs(
  db: Database,
  ctx: Ctx,
  options: { beforeAuthorize?: (channelName: string) => Promise<void>; epochJitterMs?: number } = {},
): RealtimeConnection {
  const { pusher } = env();
  return new RealtimeConnection(
    { key: pusher.key, cluster: pusher.cluster, host: pusher.host, port: pusher.port, useTLS: false },
    {
      epochJitterMs: options.epochJitterMs,
      currentEpoch: (groupId) => channelEpoch(db, ctx, groupId),
      userAuthentication: ({ socketId }, callback) => callback(null, getPusher().authenticateUser(socketId, { id: ctx.userId })),
      channelAuthorization: async ({ socketId, channelName }, callback) => {
        await options.beforeAuthorize?.(channelName);
        if (await canSubscribe(db, ctx, channelName)) callback(null, getPusher().authorizeChannel(socketId, channelName));
        else callback(new Error("refused"), null);
      },
    },
  );
}

/** Resolves at the channel's next successful subscription. */
export function subscribed(channel: Channel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.unbind("pusher:subscription_succeeded", done);
      resolve();
    };
    channel.bind("pusher:subscription_succeeded", done);
  });
}
