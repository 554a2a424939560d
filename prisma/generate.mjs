// `prisma generate` without network: the CLI insists on a schema-engine binary it cannot
// download here, but generate never runs it, so any executable satisfies the check.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const res = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(res.status ?? 1);
