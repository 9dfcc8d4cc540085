import { once } from "node:events";
import { createServer } from "node:http";
import { testPorts } from "@/tests/ports";

const controlUrl = `http://127.0.0.1:${testPorts.e2eControl}`;

/**
 * The e2e web server's control endpoint (loopback only): each path runs its task and answers 204
 * once it is done, 500 when it failed. Stopped with the app.
 */
export async function startControl(tasks: Record<string, () => Promise<void>>): Promise<{ stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const task = request.method === "POST" ? tasks[request.url ?? ""] : undefined;
    if (!task) return void response.writeHead(404).end();
    task().then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  server.listen(testPorts.e2eControl, "127.0.0.1");
  await once(server, "listening");
  return { stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function call(path: string): Promise<void> {
  const response = await fetch(`${controlUrl}${path}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** Stops the e2e tier's soketi for real: every socket closes, and publishing fails until it is back. */
export const stopSoketi = () => call("/soketi/stop");
/** Starts it again, on the same port; resolves once it answers. */
export const startSoketi = () => call("/soketi/start");
