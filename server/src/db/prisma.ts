// One Prisma client per server, through the driver adapter (no query-engine binary).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../../prisma/generated/client.js";

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite (got ${databaseUrl.split(":")[0]}:)`);
  }
  // SQLite will not create the folder of its file.
  fs.mkdirSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
}
