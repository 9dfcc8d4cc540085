import net from "node:net";

/**
 * A TCP proxy between the app and PostgreSQL that can hold every message the app sends for a
 * while: with 1 ms per message, a page's extra time over its undelayed time is the number of
 * database round trips on its critical path (statements run in parallel on two connections overlap,
 * as they do over a real network). Each connection's messages keep their order. The proxy records the delay it really applied
 * (a timer fires late by a fraction of a millisecond), so the count divides by what was waited.
 */
export type DelayProxy = {
  /** The URL `databaseUrl` would have, through the proxy. */
  url: string;
  setDelay(ms: number): void;
  /** The mean delay applied to the messages held so far, in ms. */
  appliedDelay(): number;
  close(): Promise<void>;
};

export async function startDelayProxy(databaseUrl: string): Promise<DelayProxy> {
  const target = new URL(databaseUrl);
  let delay = 0;
  const applied = { total: 0, count: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // When the last held message goes out: the next one waits at least until then.
    let lastOut = 0;
    client.on("data", (chunk) => {
      if (delay === 0 && lastOut <= performance.now()) {
        upstream.write(chunk);
        return;
      }
      const received = performance.now();
      const due = Math.max(received + delay, lastOut);
      lastOut = due;
      // Timers due in order fire in order, so the messages leave as they came.
      setTimeout(
        () => {
          const sent = performance.now();
          applied.total += sent - received;
          applied.count += 1;
          upstream.write(chunk);
        },
        Math.max(0, due - received),
      );
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    setDelay(ms) {
      delay = ms;
    },
    appliedDelay: () => (applied.count === 0 ? 0 : applied.total / applied.count),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
