// `npm run migrate:create -- <name> [--from <old schema file>]` writes a migration for the
// change of schema.prisma since the last commit (or since --from);
// `npm run migrate:deploy` applies pending ones (the server also does this at start).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { ensureDatabaseDir } from "../src/db/prisma.js";
import { applyMigrations, createMigration } from "../src/db/schema-engine.js";

const [cmd, name = "migration", ...rest] = process.argv.slice(2);
const scratch = `file:/tmp/manualforge-migrate-${process.pid}.db`;
if (cmd === "create") {
  const fromIdx = rest.indexOf("--from");
  const previous =
    fromIdx >= 0
      ? fs.readFileSync(rest[fromIdx + 1]!, "utf8")
      : execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const dir = await createMigration(scratch, name, previous);
  console.log(dir ? `created ${dir}` : "schema.prisma has not changed: nothing to create");
} else if (cmd === "deploy") {
  const url = process.env.DATABASE_URL ?? "file:./data/manualforge.db";
  ensureDatabaseDir(url);
  console.log("applied", await applyMigrations(url));
} else {
  console.error("usage: migrate.ts create <name> [--from <schema file>] | deploy");
  process.exit(2);
}
