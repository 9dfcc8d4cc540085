import { jsonRoute } from "@/lib/http/errors";
import { handleUserAuth } from "@/lib/realtime/auth-handlers";

export const POST = jsonRoute("realtime user auth", handleUserAuth);
