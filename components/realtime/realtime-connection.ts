import Pusher, { type Channel, type ChannelAuthorizationHandler, type UserAuthenticationHandler } from "pusher-js";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";
import { type EpochSource, GroupEpochs } from "./group-epochs";

export type RealtimeConnectionOptions = {
  currentEpoch?: EpochSource;
  /** The longest random wait before moving to a group's new epoch (2 s). */
  epochJitterMs?: number;
  /** In place of the app's endpoints (tests in Node, where pusher-js has no XHR). */
  channelAuthorization?: ChannelAuthorizationHandler;
  userAuthentication?: UserAuthenticationHandler;
};

/** How long a first connection may take before the page says live updates are paused. */
const FIRST_CONNECT_GRACE_MS = 4000;
/**
 * How long a dropped connection may take to come back before the page says so. pusher-js itself
 * reports a server that went away (a closed socket it retries) as `connecting` for its whole
 * `unavailableTimeout` (10 s), so an outage shorter than that would go unmentioned.
 */
const DROP_GRACE_MS = 1000;
const MAX_RETRY_MS = 15000;

/**
 * The wait before the next attempt: doubling from 0.5 s up to 15 s, each a random point in the upper
 * half of its step, so the pages a server restart dropped together do not all come back in the same
 * moment (and sign in, subscribe and resync in one wave).
 */
export function retryDelay(attempt: number, random = Math.random): number {
  const step = Math.min(500 * 2 ** attempt, MAX_RETRY_MS);
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * One Pusher connection per page, signed in as the current person. pusher-js gives up after a
 * 40xx close (soketi's 4009 when sign-in lapses or the server ends a person's connections); we
 * reconnect anyway, pusher-js then signs in and re-subscribes, and each subscription's resync
 * hook fetches what was missed. Shaped as an external store for `useSyncExternalStore`. It also
 * holds the page's `GroupEpochs`: the epoch each group's channels are subscribed at.
 */
export class RealtimeConnection {
  private readonly pusher: Pusher;
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  readonly epochs: GroupEpochs;
  private down = false;
  private stopped = false;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly grace: ReturnType<typeof setTimeout>;
  private connectedOnce = false;
  private lapse: ReturnType<typeof setTimeout> | undefined;

  constructor(config: RealtimeClientConfig, options: RealtimeConnectionOptions = {}) {
    this.epochs = new GroupEpochs(options.currentEpoch, options.epochJitterMs);
    this.pusher = new Pusher(config.key, {
      cluster: config.cluster,
      wsHost: config.host,
      wsPort: config.port,
      wssPort: config.port,
      forceTLS: config.useTLS,
      enabledTransports: ["ws", "wss"],
      disableStats: true,
      channelAuthorization: { endpoint: "/api/realtime/auth", transport: "ajax", customHandler: options.channelAuthorization },
      userAuthentication: { endpoint: "/api/realtime/user-auth", transport: "ajax", customHandler: options.userAuthentication },
    });
    this.grace = setTimeout(() => this.setDown(this.pusher.connection.state !== "connected"), FIRST_CONNECT_GRACE_MS);
    this.pusher.connection.bind("state_change", ({ current }: { current: string }) => this.onStateChange(current));
    this.pusher.signin();
  }

  private onStateChange(current: string) {
    if (this.stopped) return;
    if (current === "connected") {
      this.attempts = 0;
      this.connectedOnce = true;
      clearTimeout(this.lapse);
      this.setDown(false);
    } else if (current === "connecting" && this.connectedOnce) {
      clearTimeout(this.lapse);
      this.lapse = setTimeout(() => this.setDown(this.pusher.connection.state !== "connected"), DROP_GRACE_MS);
    } else if (current === "disconnected" || current === "failed") {
      this.setDown(true);
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.pusher.connect(), retryDelay(this.attempts++));
    } else if (current === "unavailable") {
      this.setDown(true);
    }
  }

  private setDown(down: boolean) {
    if (this.down === down) return;
    this.down = down;
    for (const listener of this.listeners) listener();
  }

  isDown = () => this.down;

  onChange = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Subscriptions are counted, so components sharing a channel never unsubscribe each other. Always
   * through `subscribe`: it also revives a subscription cancelled while still pending (a component
   * that unmounts and mounts again at once, as React's development mode does with every effect),
   * which the channel already in pusher-js's table would not, and retries one that was refused.
   */
  acquire(name: string): Channel {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.pusher.subscribe(name);
  }

  release(name: string) {
    const left = (this.counts.get(name) ?? 1) - 1;
    if (left > 0) this.counts.set(name, left);
    else {
      this.counts.delete(name);
      this.pusher.unsubscribe(name);
    }
  }

  close() {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.grace);
    clearTimeout(this.lapse);
    this.epochs.close();
    this.pusher.disconnect();
  }
}
