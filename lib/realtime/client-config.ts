import "server-only";
import { env } from "@/base/env";

/** What the browser needs to reach the realtime server (the browser imports this type only). */
export type RealtimeClientConfig = {
  key: string;
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
};

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
