import Pusher, { type Channel } from "pusher-js";

export type RealtimeClientConfig = {
  key: string;
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
};

/** How long a first connection may take before the page says live updates are paused. */
const FIRST_CONNECT_GRACE_MS = 4000;
const MAX_RETRY_MS = 15000;

/**
 * One Pusher connection per page, signed in as the current person. pusher-js gives up after a
 * 40xx close (soketi's 4009 when sign-in lapses or the server ends a person's connections); we
 * reconnect anyway, pusher-js then signs in and re-subscribes, and each subscription's resync
 * hook fetches what was missed. Shaped as an external store for `useSyncExternalStore`.
 */
export class RealtimeConnection {
  private readonly pusher: Pusher;
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private down = false;
  private stopped = false;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly grace: ReturnType<typeof setTimeout>;

  constructor(config: RealtimeClientConfig) {
    this.pusher = new Pusher(config.key, {
      cluster: config.cluster,
      wsHost: config.host,
      wsPort: config.port,
      wssPort: config.port,
      forceTLS: config.useTLS,
      enabledTransports: ["ws", "wss"],
      disableStats: true,
      channelAuthorization: { endpoint: "/api/realtime/auth", transport: "ajax" },
      userAuthentication: { endpoint: "/api/realtime/user-auth", transport: "ajax" },
    });
    this.grace = setTimeout(() => this.setDown(this.pusher.connection.state !== "connected"), FIRST_CONNECT_GRACE_MS);
    this.pusher.connection.bind("state_change", ({ current }: { current: string }) => this.onStateChange(current));
    this.pusher.signin();
  }

  private onStateChange(current: string) {
    if (this.stopped) return;
    if (current === "connected") {
      this.attempts = 0;
      this.setDown(false);
    } else if (current === "disconnected" || current === "failed") {
      this.setDown(true);
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.pusher.connect(), Math.min(500 * 2 ** this.attempts++, MAX_RETRY_MS));
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

  /** Subscriptions are counted, so components sharing a channel never unsubscribe each other. */
  acquire(name: string): Channel {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.pusher.channel(name) ?? this.pusher.subscribe(name);
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
    this.pusher.disconnect();
  }
}
