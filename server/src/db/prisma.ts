// One Prisma client per server, through a driver adapter (no query-engine binary):
// SQLite (`file:` URL, the embedded default) or PostgreSQL (`postgresql://` URL).
// Both clients are generated from the same models (prisma/generate.mjs), so they share one API.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../../prisma/generated/client.js";
import { PrismaClient as PgPrismaClient } from "../../../prisma/generated-pg/client/client.js";

export type Db = PrismaClient;
export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`DATABASE_URL must be file:… (SQLite) or postgresql://… (got ${databaseUrl.split(":")[0]}:)`);
}

/** SQLite creates its file but not the folder: make the folder. */
export function ensureDatabaseDir(databaseUrl: string): void {
  if (providerOf(databaseUrl) !== "sqlite") return;
  fs.mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
}

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    // Same models, same generated API; only the SQL dialect differs.
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  ensureDatabaseDir(databaseUrl);
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
}

/** Per-connection settings that make SQLite fit a server (no-op on PostgreSQL). */
export async function tuneDatabase(db: Db, databaseUrl: string): Promise<void> {
  if (providerOf(databaseUrl) !== "sqlite") return;
  // WAL lets readers (queries, subscriptions) proceed while the event log writes.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
}
