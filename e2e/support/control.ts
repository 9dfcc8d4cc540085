import { once } from "node:events";
import { createServer } from "node:http";

/**
 * A test harness's control endpoint on loopback (the e2e web server's soketi outage, the cluster's
 * node kills): each POSTed path runs its task and answers 204 once it is done, 500 when it failed.
 */
export async function startControl(port: number, tasks: Record<string, () => Promise<void>>): Promise<{ stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const task = request.method === "POST" ? tasks[request.url ?? ""] : undefined;
    if (!task) return void response.writeHead(404).end();
    task().then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return { stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs one task of the control endpoint on `port`; resolves once it is done. */
export async function callControl(port: number, path: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}
