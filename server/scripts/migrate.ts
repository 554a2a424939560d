// `npm run migrate:create -- <name> [--from <old schema file>]` writes one migration, for
// SQLite and PostgreSQL alike, for the change of schema.prisma since the last commit (or since
// --from). `npm run migrate:deploy` applies pending ones to DATABASE_URL (the server also does
// this at start).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { ensureDatabaseDir } from "../src/db/prisma.js";
import { loadConfig } from "../src/config.js";
import { migrateDatabase } from "../src/db/migrator.js";
import { createMigration } from "../src/db/schema-engine.js";

const [cmd, name = "migration", ...rest] = process.argv.slice(2);
if (cmd === "create") {
  const fromIdx = rest.indexOf("--from");
  const previous =
    fromIdx >= 0 ? fs.readFileSync(rest[fromIdx + 1]!, "utf8") : execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const folder = await createMigration(
    {
      sqlite: `file:/tmp/manualforge-migrate-${process.pid}.db`,
      // Diffing two schemas needs no data, but the engine wants a PostgreSQL connection string.
      postgresql: process.env.MIGRATE_POSTGRES_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
    },
    name,
    previous,
  );
  console.log(
    folder ? `created prisma/migrations/${folder} and prisma/migrations-postgres/${folder}` : "schema.prisma has not changed: nothing to create",
  );
} else if (cmd === "deploy") {
  const { databaseUrl, schemaEngineBinary } = loadConfig();
  ensureDatabaseDir(databaseUrl);
  const { applied, migrator } = await migrateDatabase(databaseUrl, { engineBinary: schemaEngineBinary });
  const via = migrator.kind === "cli" ? `prisma migrate deploy with ${migrator.engine}` : `the WebAssembly schema engine (${migrator.reason})`;
  console.log("applied", applied, "via", via);
} else {
  console.error("usage: migrate.ts create <name> [--from <schema file>] | deploy");
  process.exit(2);
}
