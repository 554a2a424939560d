// Prisma CLI config (Prisma 7 keeps the URL here, not in schema.prisma).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/manualforge.db" },
});
