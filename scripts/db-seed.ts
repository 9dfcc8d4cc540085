import { isSeeded, seed } from "@/scripts/seed";
import { withDatabase } from "./lib/prepare-database";

await withDatabase("npm run db:seed", async (handle) => {
  if (await isSeeded(handle.db)) {
    console.log("The database already holds data; seeding skipped. Delete .data/ (PGlite) or use an empty database to seed again.");
    return;
  }
  console.log(JSON.stringify(await seed(handle.db), null, 2));
});
