import "server-only";
import type { RealtimeClientConfig } from "@/components/realtime/realtime-provider";
import { env } from "@/base/env";

/** What the browser needs to connect: read at request time, so one build serves every environment. */
export function realtimeClientConfig(): RealtimeClientConfig {
  const { pusher } = env();
  return {
    key: pusher.key,
    cluster: pusher.cluster,
    host: pusher.publicHost,
    port: pusher.publicPort,
    useTLS: pusher.useTLS,
  };
}
