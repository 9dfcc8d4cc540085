import { env } from "@/base/env";
import { DEMO_PASSWORD, demoAccounts } from "@/scripts/seed/accounts";
import { startCluster } from "./start";
import { CLUSTER } from "./topology";

/**
 * `npm run cluster`: the local cluster (cluster/start.ts) on DATABASE_URL, or on the database
 * `cohort_cluster` of the PostgreSQL server at 127.0.0.1:5432; Ctrl-C stops it all.
 */
const databaseUrl = env().databaseUrl ?? "postgres://postgres@127.0.0.1:5432/cohort_cluster";
const cluster = await startCluster({ databaseUrl, log: console.log, verbose: true });

console.log(`
  The Cohort cluster answers on ${cluster.url} (this machine only)
  Instances: ${CLUSTER.nodes.map((node) => `${node.name} on 127.0.0.1:${node.app}`).join(", ")}, behind nginx (cluster/nginx.conf)
  Realtime:  soketi ${CLUSTER.nodes.map((node) => `${node.name} on 127.0.0.1:${node.realtime}`).join(", ")}, Redis adapter on ${CLUSTER.redis.host}:${CLUSTER.redis.port}/${CLUSTER.redis.db}, behind 127.0.0.1:${CLUSTER.balancer.realtime}
  Database:  ${databaseUrl.replace(/\/\/[^@/]*@/, "//")}
  Mail:      MailDev, read what the instances send at http://127.0.0.1:${CLUSTER.mail.web}
  A cookie cohort_node=a or =b pins a browser to one instance and one realtime node.
  Demo logins (password "${DEMO_PASSWORD}"): ${demoAccounts.map((account) => account.email).join(", ")}
  Ctrl-C stops everything.
`);

const stop = () => void cluster.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
