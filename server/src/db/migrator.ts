// Which migrator applies the migrations: the Prisma CLI's own `migrate deploy` when a real
// schema-engine binary is at hand (PRISMA_SCHEMA_ENGINE_BINARY, or one installed in
// node_modules/@prisma/engines), else the WebAssembly engine in schema-engine.ts, the offline
// fallback (the native engine is downloaded by Prisma at install time, which needs its CDN).
// Both read the same migration folders and keep the same _prisma_migrations table.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { providerOf } from "./prisma.js";
import { applyMigrations, migrationNames, REPO_ROOT } from "./schema-engine.js";

const require = createRequire(import.meta.url);

export type Migrator = { kind: "cli"; cli: string; engine: string } | { kind: "wasm"; reason: string };

export interface MigratorSearch {
  /** config.schemaEngineBinary (PRISMA_SCHEMA_ENGINE_BINARY). */
  engineBinary?: string | null;
  /** Where Prisma installs its engines; default: @prisma/engines's folder, if installed. */
  enginesDir?: string | null;
  /** The Prisma CLI's entry; default: prisma/build/index.js, if installed (a devDependency). */
  cli?: string | null;
}

function resolved(specifier: string): string | null {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

/** A schema engine answers `--version` with "schema-engine-cli <hash>" (an executable that is not one, e.g. the node put there to please `prisma generate`, does not). */
export function isSchemaEngine(file: string): boolean {
  const out = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 10_000 });
  return out.status === 0 && /^schema-engine/i.test(out.stdout.trim());
}

/** The path taken, given what exists. */
export function chooseMigrator(search: MigratorSearch = {}): Migrator {
  const cli = search.cli !== undefined ? search.cli : resolved("prisma/build/index.js");
  if (!cli || !fs.existsSync(cli)) return { kind: "wasm", reason: "the Prisma CLI is not installed" };
  const candidates: string[] = [];
  if (search.engineBinary) candidates.push(path.resolve(search.engineBinary));
  const enginesPkg = search.enginesDir === undefined ? resolved("@prisma/engines/package.json") : null;
  const enginesDir = search.enginesDir !== undefined ? search.enginesDir : enginesPkg && path.dirname(enginesPkg);
  if (enginesDir && fs.existsSync(enginesDir)) {
    // Prisma names it schema-engine-<binary target> (debian-openssl-3.0.x…); skip its .gz/.sha256 companions.
    for (const f of fs.readdirSync(enginesDir).sort())
      if (/^schema-engine-[\w.-]+$/.test(f) && !/\.(gz|sha256)$/.test(f)) candidates.push(path.join(enginesDir, f));
  }
  const engine = candidates.find((f) => fs.existsSync(f) && isSchemaEngine(f));
  if (!engine)
    return { kind: "wasm", reason: candidates.length ? `no working schema engine among ${candidates.join(", ")}` : "no schema-engine binary" };
  return { kind: "cli", cli, engine };
}

/** Applies pending migrations to `databaseUrl`; returns the names applied now and the path taken. */
export async function migrateDatabase(databaseUrl: string, search: MigratorSearch = {}): Promise<{ applied: string[]; migrator: Migrator }> {
  const migrator = chooseMigrator(search);
  if (migrator.kind === "wasm") return { applied: await applyMigrations(databaseUrl), migrator };
  // prisma.config.ts picks schema and migration folder from DATABASE_URL's provider.
  const out = spawnSync(process.execPath, [migrator.cli, "migrate", "deploy", "--config", path.join(REPO_ROOT, "prisma.config.ts")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: migrator.engine, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (out.status !== 0) throw new Error(`prisma migrate deploy failed (${migrator.engine}):\n${out.stdout}${out.stderr}`);
  // The CLI lists what it applied; every name is one of the migration folders.
  return { applied: migrationNames(providerOf(databaseUrl)).filter((n) => out.stdout.includes(n)), migrator };
}
