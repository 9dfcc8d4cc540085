import { reloadEnv } from "@/lib/env";
import { testPorts, testPusher } from "./ports";

// Point the app's realtime client at this tier's soketi; reading the ports parsed the
// environment once already, so parse it again with these values.
Object.assign(process.env, {
  PUSHER_APP_ID: testPusher.appId,
  PUSHER_KEY: testPusher.key,
  PUSHER_SECRET: testPusher.secret,
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: String(testPorts.integrationSoketi),
  PUSHER_USE_TLS: "false",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
reloadEnv();
