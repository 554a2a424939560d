// Prisma migrations without Prisma's native schema engine (which cannot be downloaded here):
// Prisma's own WebAssembly build of the engine, talking to the database via a driver adapter.
// Migrations keep Prisma's folder format: prisma/migrations/<ts>_<name>/migration.sql for
// SQLite and prisma/migrations-postgres/<same name>/migration.sql for PostgreSQL, made together
// from the one schema.prisma (the PostgreSQL schema is derived from it by prisma/generate.mjs).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { providerOf, type Provider } from "./prisma.js";

const require = createRequire(import.meta.url);
// Node has WebAssembly at run time; its typings come with lib.dom, which the server does not load.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..").replace(/[\\/]dist$/, "");
const SCHEMA_PATH = path.join(REPO_ROOT, "prisma", "schema.prisma");
const PATHS: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: SCHEMA_PATH, migrations: path.join(REPO_ROOT, "prisma", "migrations") },
  postgresql: {
    schema: path.join(REPO_ROOT, "prisma", "generated-pg", "schema.prisma"),
    migrations: path.join(REPO_ROOT, "prisma", "migrations-postgres"),
  },
};
const FILTERS = { externalTables: [], externalEnums: [] };

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ stdout?: string }>;
  free(): void;
};
type Connection = { dispose(): Promise<void> };

/** Runs `work` with an engine, then closes the engine and every connection it opened
 *  (an open connection would keep SQLite locked for the server that starts next). */
async function withEngine<T>(databaseUrl: string, work: (engine: Engine, schema: string) => Promise<T>): Promise<T> {
  const provider = providerOf(databaseUrl);
  const base = provider === "sqlite" ? new PrismaBetterSqlite3({ url: databaseUrl }) : new PrismaPg({ connectionString: databaseUrl });
  const opened: Connection[] = [];
  const factory = Object.create(base) as PrismaBetterSqlite3;
  factory.connect = async () => {
    const c = await base.connect();
    opened.push(c);
    return c;
  };
  // Diffing from migrations replays them into a throwaway (in-memory) shadow database.
  factory.connectToShadowDb = async () => {
    const c = await base.connectToShadowDb();
    opened.push(c);
    return c;
  };
  const { engine, schema } = await openEngine(factory, PATHS[provider].schema);
  try {
    return await work(engine, schema);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

// The WASM module is instantiated once per process: a second instantiation of the same
// wasm-bindgen module in one process panics.
let wasmModule: Promise<any> | null = null;
function loadWasm(): Promise<any> {
  return (wasmModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })());
}

async function openEngine(factoryBase: PrismaBetterSqlite3, schemaPath: string): Promise<{ engine: Engine; schema: string }> {
  const bg = await loadWasm();
  const schema = fs.readFileSync(schemaPath, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(factoryBase);
  const engine = (await bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter)) as Engine;
  return { engine, schema };
}

function migrationsList(provider: Provider) {
  const MIGRATIONS_DIR = PATHS[provider].migrations;
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(MIGRATIONS_DIR, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(providerOf(databaseUrl)), filters: FILTERS });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database from schema `from` (null = empty) to schema `to`, both in
 * schema.prisma's (SQLite) form, in the dialect of `scratchUrl`'s database.
 */
export async function diffSchemas(scratchUrl: string, from: string | null, to: string): Promise<string> {
  // prisma/derive-schema.mjs is plain JS shared with prisma/generate.mjs; loaded from the repo
  // (not compiled into dist/), so it is the same file from sources and from the build.
  const { toPostgresSchema } = (await import(
    pathToFileURL(path.join(REPO_ROOT, "prisma", "derive-schema.mjs")).href
  )) as typeof import("../../../prisma/derive-schema.mjs");
  const dialect = providerOf(scratchUrl) === "postgresql" ? toPostgresSchema : (s: string) => s;
  return withEngine(scratchUrl, async (engine) => {
    const res = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: dialect(from) }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: dialect(to) }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    const sql = res.stdout ?? "";
    return /This is an empty migration/.test(sql) ? "" : sql.trim();
  });
}

export function currentSchema(): string {
  return fs.readFileSync(SCHEMA_PATH, "utf8");
}

export function migrationNames(provider: Provider): string[] {
  return migrationsList(provider).migrationDirectories.map((d) => d.path);
}

/**
 * Writes one new migration, under the same folder name for SQLite and PostgreSQL, for the
 * change from `previousSchema` (schema.prisma as of the last migration) to the current one.
 * Returns the folder name, or null when nothing changed. (The WASM engine cannot replay
 * migrations into a shadow database, so the diff is taken between the two schema texts; the
 * migration tests prove that migrations and schema agree, on both databases.)
 */
export async function createMigration(scratch: Record<Provider, string>, name: string, previousSchema: string | null): Promise<string | null> {
  const sql = {
    sqlite: await diffSchemas(scratch.sqlite, previousSchema, currentSchema()),
    postgresql: await diffSchemas(scratch.postgresql, previousSchema, currentSchema()),
  };
  if (!sql.sqlite && !sql.postgresql) return null;
  const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
  for (const provider of ["sqlite", "postgresql"] as const) {
    const dir = path.join(PATHS[provider].migrations, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql[provider] + "\n");
    fs.writeFileSync(
      path.join(PATHS[provider].migrations, "migration_lock.toml"),
      `# Please do not edit this file manually\nprovider = "${provider}"\n`,
    );
  }
  return folder;
}
