import { reloadEnv } from "@/base/env";
import { testPorts, testPusher } from "./ports";

// Point the app's realtime client and mail at this tier's soketi and MailDev; reading the ports parsed the
// environment once already, so parse it again with these values.
Object.assign(process.env, {
  PUSHER_APP_ID: testPusher.appId,
  PUSHER_KEY: testPusher.key,
  PUSHER_SECRET: testPusher.secret,
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: String(testPorts.integrationSoketi),
  PUSHER_USE_TLS: "false",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(testPorts.integrationSmtp),
  APP_URL: "http://cohort.test",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
reloadEnv();
