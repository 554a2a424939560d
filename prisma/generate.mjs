// `prisma generate` for both databases, without network.
// - schema.prisma is the one model (SQLite). The PostgreSQL schema is derived from it here
//   (same models, provider and output swapped), so the two can never drift.
// - The CLI insists on a schema-engine binary it cannot download here, but generate never runs
//   it, so any executable satisfies the check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { toPostgresSchema } from "./derive-schema.mjs";

const dir = path.dirname(new URL(import.meta.url).pathname);
export const PG_SCHEMA = path.join(dir, "generated-pg", "schema.prisma");

export function derivePostgresSchema() {
  const pg = toPostgresSchema(fs.readFileSync(path.join(dir, "schema.prisma"), "utf8"));
  fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  fs.writeFileSync(PG_SCHEMA, "// Derived from ../schema.prisma by prisma/generate.mjs. Do not edit.\n" + pg);
  return PG_SCHEMA;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
  for (const schema of ["prisma/schema.prisma", path.relative(process.cwd(), derivePostgresSchema())]) {
    const res = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], { stdio: "inherit", env });
    if (res.status !== 0) process.exit(res.status ?? 1);
  }
}
