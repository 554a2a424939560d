// One Prisma client per server, through a driver adapter (no query-engine binary):
// SQLite (`file:` URL, the embedded default) or PostgreSQL (`postgresql://` URL).
// Both clients are generated from the same models (prisma/generate.mjs), so they share one API.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database as SqliteConnection } from "better-sqlite3";
import { PrismaClient } from "../../../prisma/generated/client.js";
import { PrismaClient as PgPrismaClient } from "../../../prisma/generated-pg/client/client.js";

export type Db = PrismaClient;
export type Provider = "sqlite" | "postgresql";
export type { SqliteConnection };

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
  const factory = new PrismaBetterSqlite3({ url: databaseUrl });
  let connection: SqliteConnection | null = null;
  // The adapter factory, unchanged except that it remembers the better-sqlite3 connection it opens.
  const adapter: Pick<typeof factory, "provider" | "adapterName" | "connect" | "connectToShadowDb"> = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const opened = await factory.connect();
      connection = (opened as unknown as { client: SqliteConnection }).client;
      return opened;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const db = new PrismaClient({ adapter });
  sqliteConnections.set(db, () => connection);
  return db;
}

const sqliteConnections = new WeakMap<Db, () => SqliteConnection | null>();

/**
 * The better-sqlite3 connection Prisma's SQLite adapter opened (null on PostgreSQL or before
 * Prisma connected). For the event log's hot write only: statements on it run synchronously,
 * in the one connection Prisma uses, so SQLite sees a single writer.
 */
export function sqliteConnectionOf(db: Db): SqliteConnection | null {
  return sqliteConnections.get(db)?.() ?? null;
}

/** Per-connection settings that make SQLite fit a server (no-op on PostgreSQL). */
export async function tuneDatabase(db: Db, databaseUrl: string): Promise<void> {
  if (providerOf(databaseUrl) !== "sqlite") return;
  // WAL lets readers (queries, subscriptions) proceed while the event log writes.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL syncs the log at checkpoints instead of at every commit: a killed or
  // crashed server loses nothing (the OS has the writes); only a power cut may lose the last
  // commits, never consistency. FULL made every event-log flush wait for the disk.
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
}
