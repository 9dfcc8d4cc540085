import { jsonRoute } from "@/lib/http/errors";
import { handleUserAuth } from "../handlers";

export const POST = jsonRoute("realtime user auth", handleUserAuth);
