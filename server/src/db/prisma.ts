// One Prisma client per server, through the driver adapter (no query-engine binary).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../../prisma/generated/client.js";

export type Db = PrismaClient;

/** SQLite creates its file but not the folder: make the folder. */
export function ensureDatabaseDir(databaseUrl: string): void {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite (got ${databaseUrl.split(":")[0]}:)`);
  }
  fs.mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
}

export function createDb(databaseUrl: string): Db {
  ensureDatabaseDir(databaseUrl);
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
}
