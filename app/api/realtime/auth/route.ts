import { jsonRoute } from "@/lib/http/errors";
import { handleChannelAuth } from "../handlers";

export const POST = jsonRoute("realtime channel auth", handleChannelAuth);
