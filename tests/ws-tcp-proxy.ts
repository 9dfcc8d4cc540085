import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { type RawData, WebSocketServer } from "ws";

export type WsTcpProxy = {
  /** What `openNeon`'s `wsProxy` takes: host, port and path, no scheme. */
  address: string;
  /** WebSocket connections accepted so far, to show the driver really went through here. */
  connections: () => number;
  close: () => Promise<void>;
};

/**
 * Stands in for Neon's edge proxy in tests: a WebSocket server on a free loopback port that
 * pipes each connection, byte for byte, to a TCP socket on the PostgreSQL server.
 */
export async function startWsTcpProxy(target: { host: string; port: number }): Promise<WsTcpProxy> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(server, "listening");
  let accepted = 0;
  server.on("connection", (socket) => {
    accepted++;
    const tcp = connect(target.port, target.host);
    socket.on("message", (data: RawData) => tcp.write(data as Buffer));
    tcp.on("data", (chunk) => socket.send(chunk));
    socket.on("close", () => tcp.end());
    tcp.on("close", () => socket.close());
    socket.on("error", () => tcp.destroy());
    tcp.on("error", () => socket.terminate());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}/v2`,
    connections: () => accepted,
    close: async () => {
      // Since ws 8, closing the server leaves open connections alone.
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
