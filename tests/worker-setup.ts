import { testPorts, testPusher } from "./ports";

// Point the app's realtime client at this tier's soketi before anything reads the environment.
Object.assign(process.env, {
  PUSHER_APP_ID: testPusher.appId,
  PUSHER_KEY: testPusher.key,
  PUSHER_SECRET: testPusher.secret,
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: String(testPorts.integrationSoketi),
  PUSHER_USE_TLS: "false",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
