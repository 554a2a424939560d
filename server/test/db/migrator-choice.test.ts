// Which migrator runs, given what exists: the Prisma CLI's `migrate deploy` needs the CLI and a
// real schema-engine binary (named by PRISMA_SCHEMA_ENGINE_BINARY or installed beside
// @prisma/engines); anything less takes the WebAssembly fallback, which then really migrates.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseMigrator, migrateDatabase } from "../../src/db/migrator.js";
import { migrationNames } from "../../src/db/schema-engine.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-migrator-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An executable that answers --version as the schema engine does. */
function fakeEngine(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\necho "schema-engine-cli 0000000000000000000000000000000000000000"\n', { mode: 0o755 });
  return file;
}
const cli = path.join(dir, "prisma-cli.js");
fs.writeFileSync(cli, "");
const emptyDir = path.join(dir, "empty");
fs.mkdirSync(emptyDir);

describe("chooseMigrator", () => {
  it("takes the WASM fallback when no engine binary exists", () => {
    expect(chooseMigrator({ cli, enginesDir: emptyDir })).toEqual({ kind: "wasm", reason: "no schema-engine binary" });
    expect(chooseMigrator({ cli, enginesDir: null, engineBinary: path.join(dir, "missing") }).kind).toBe("wasm");
  });

  it("does not take an executable that is not a schema engine (node, as `prisma generate` is given)", () => {
    const m = chooseMigrator({ cli, enginesDir: emptyDir, engineBinary: process.execPath });
    expect(m).toMatchObject({ kind: "wasm", reason: expect.stringContaining("no working schema engine") });
  });

  it("runs the CLI with PRISMA_SCHEMA_ENGINE_BINARY's engine, or one installed beside @prisma/engines", () => {
    const named = fakeEngine(path.join(dir, "named", "schema-engine"));
    expect(chooseMigrator({ cli, enginesDir: emptyDir, engineBinary: named })).toEqual({ kind: "cli", cli, engine: named });
    const engines = path.join(dir, "engines");
    const installed = fakeEngine(path.join(engines, "schema-engine-debian-openssl-3.0.x"));
    fs.writeFileSync(path.join(engines, "schema-engine-debian-openssl-3.0.x.gz"), "");
    expect(chooseMigrator({ cli, enginesDir: engines })).toEqual({ kind: "cli", cli, engine: installed });
  });

  it("takes the WASM fallback without the Prisma CLI (a production install without devDependencies)", () => {
    const named = fakeEngine(path.join(dir, "named2", "schema-engine"));
    expect(chooseMigrator({ cli: null, engineBinary: named })).toEqual({ kind: "wasm", reason: "the Prisma CLI is not installed" });
  });

  it("migrates a new SQLite database by the path chosen for this machine (here: no engine binary, WASM)", async () => {
    const expected = chooseMigrator();
    const url = `file:${path.join(dir, "m.db")}`;
    const { applied, migrator } = await migrateDatabase(url);
    expect(migrator.kind).toBe(expected.kind);
    expect(applied).toEqual(migrationNames("sqlite"));
    expect((await migrateDatabase(url)).applied).toEqual([]);
  });
});
