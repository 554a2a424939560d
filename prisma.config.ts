// Prisma CLI config (Prisma 7 keeps the URL here, not in schema.prisma). Schema and migrations
// follow DATABASE_URL: PostgreSQL has its own (derived schema, migrations-postgres), see
// server/src/db/schema-engine.ts. Used by `migrate deploy` when a schema-engine binary exists
// (server/src/db/migrator.ts).
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/manualforge.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? "prisma/generated-pg/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/migrations-postgres" : "prisma/migrations" },
  datasource: { url },
});
