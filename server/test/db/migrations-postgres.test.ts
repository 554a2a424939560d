// PostgreSQL migrations: applied from scratch they give the schema derived from schema.prisma,
// and they are the same migration history (same folder names) as SQLite's.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, currentSchema, diffSchemas, migrationNames } from "../../src/db/schema-engine.js";
import { freshPgDatabase, postgresUp } from "../support/postgres.js";

async function shape(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const cols = await c.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%' ORDER BY table_name, column_name`,
  );
  const idx = await c.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%' ORDER BY indexname`,
  );
  await c.end();
  return { columns: cols.rows, indexes: idx.rows };
}

describe("migrations on both databases", () => {
  it("keep the same history for SQLite and PostgreSQL", () => {
    expect(migrationNames("postgresql")).toEqual(migrationNames("sqlite"));
  });

  it.skipIf(!postgresUp)("applied to PostgreSQL from scratch give the schema of schema.prisma", async () => {
    const a = await freshPgDatabase();
    const b = await freshPgDatabase();
    try {
      expect(await applyMigrations(a.url)).toEqual(migrationNames("postgresql"));
      expect(await applyMigrations(a.url)).toEqual([]);
      const sql = await diffSchemas(b.url, null, currentSchema());
      const c = new pg.Client({ connectionString: b.url });
      await c.connect();
      await c.query(sql);
      await c.end();
      expect(await shape(a.url)).toEqual(await shape(b.url));
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
