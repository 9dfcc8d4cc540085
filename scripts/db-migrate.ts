import { applyMigrations } from "@/db/migrate";
import { withDatabase } from "./lib/prepare-database";

await withDatabase("npm run db:migrate", async (handle) => {
  await applyMigrations(handle, console.log);
  console.log(`Migrations applied (${handle.engine}).`);
});
