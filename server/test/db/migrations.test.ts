// The committed migrations build exactly the database schema.prisma describes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations, currentSchema, diffSchemas } from "../../src/db/schema-engine.js";

function shape(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_prisma%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name`)
    .all() as { name: string }[];
  const out = Object.fromEntries(
    tables.map(({ name }) => [
      name,
      {
        // Column order differs between ALTER TABLE … ADD and a fresh CREATE: compare by name.
        columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; cid?: number }[])
          .map(({ cid: _cid, ...c }) => c)
          .sort((a, b) => a.name.localeCompare(b.name)),
        indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string }[]).map((i) => i.name).sort(),
      },
    ]),
  );
  db.close();
  return out;
}

describe("migrations", () => {
  it("applied from scratch give the schema of schema.prisma (run `npm run migrate:create -- <name>` after editing it)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-migrations-"));
    try {
      const migrated = path.join(dir, "migrated.db");
      const applied = await applyMigrations(`file:${migrated}`);
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(`file:${migrated}`)).toEqual([]); // idempotent
      const direct = path.join(dir, "direct.db");
      const sql = await diffSchemas(`file:${path.join(dir, "scratch.db")}`, null, currentSchema());
      const db = new Database(direct);
      db.exec(sql);
      db.close();
      expect(shape(migrated)).toEqual(shape(direct));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
