// `npm run migrate:create -- <name>` writes a migration for schema.prisma changes;
// `npm run migrate:deploy` applies pending ones (the server also does this at start).
import { ensureDatabaseDir } from "../src/db/prisma.js";
import { applyMigrations, createMigration } from "../src/db/schema-engine.js";

const [cmd, name = "migration"] = process.argv.slice(2);
const scratch = `file:/tmp/manualforge-migrate-${process.pid}.db`;
if (cmd === "create") {
  const dir = await createMigration(scratch, name);
  console.log(dir ? `created ${dir}` : "schema.prisma and migrations are in step: nothing to create");
} else if (cmd === "deploy") {
  const url = process.env.DATABASE_URL ?? "file:./data/manualforge.db";
  ensureDatabaseDir(url);
  console.log("applied", await applyMigrations(url));
} else {
  console.error("usage: migrate.ts create <name> | deploy");
  process.exit(2);
}
