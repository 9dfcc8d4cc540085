import "server-only";

import { companyDb } from "@/db/client";
import { getViewer } from "@/lib/auth/current-user";
import { canSubscribe } from "@/lib/group-access/channels";
import { getPusher } from "@/lib/realtime/server";

// The two endpoints pusher-js calls before it joins a private channel (auth/) or signs the user in (user-auth/).

const SOCKET_ID = /^\d+\.\d+$/;

async function readForm(request: Request): Promise<URLSearchParams | null> {
  try {
    return new URLSearchParams(await request.text());
  } catch (error) {
    // A body that cannot be read (cut off, already read) is a bad request; anything else is not.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

const refuse = (status: 400 | 401 | 403, message: string) => Response.json({ error: message }, { status });

/** pusher-js channel authorization: the database decides, on every call. */
export async function handleChannelAuth(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return refuse(401, "Sign in first.");
  const form = await readForm(request);
  const socketId = form?.get("socket_id") ?? "";
  const channel = form?.get("channel_name") ?? "";
  if (!SOCKET_ID.test(socketId) || !channel) return refuse(400, "socket_id and channel_name are required.");
  if (!(await canSubscribe(companyDb(viewer), viewer, channel))) return refuse(403, "Not allowed on this channel.");
  return Response.json(getPusher().authorizeChannel(socketId, channel));
}

/** pusher-js user authentication (`pusher.signin()`), which lets the server end a person's connections. */
export async function handleUserAuth(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return refuse(401, "Sign in first.");
  const form = await readForm(request);
  const socketId = form?.get("socket_id") ?? "";
  if (!SOCKET_ID.test(socketId)) return refuse(400, "socket_id is required.");
  return Response.json(getPusher().authenticateUser(socketId, { id: viewer.userId }));
}
