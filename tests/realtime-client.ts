import Pusher, { type Channel } from "pusher-js";
import type { DatabaseOrTransaction } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { canSubscribe } from "@/lib/realtime/authorize";
import { getPusher } from "@/lib/realtime/server";

/**
 * A pusher-js client of this tier's soketi, subscribed to `channelName` as `ctx`. Authorization
 * makes the channel-auth route's own decision against the test database. With `signIn`, the
 * client also signs in as the person (Pusher user authentication) before it resolves.
 */
export async function subscribeAs(
  db: DatabaseOrTransaction,
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
