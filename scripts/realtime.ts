import { env } from "@/base/env";
import { startSoketi } from "./lib/soketi";

/** `npm run realtime`: soketi alone, configured like `npm run dev` starts it (for `npm start` locally). */
const { pusher } = env();
const port = pusher.port ?? 6001;
const soketi = await startSoketi({ port, metricsPort: port + 3600, appId: pusher.appId, key: pusher.key, secret: pusher.secret });
console.log(`soketi listening on 127.0.0.1:${port}; Ctrl-C stops it.`);
const stop = () => void soketi.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
