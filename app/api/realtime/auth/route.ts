import { jsonRoute } from "@/lib/http/errors";
import { handleChannelAuth } from "@/lib/realtime/auth-handlers";

export const POST = jsonRoute("realtime channel auth", handleChannelAuth);
