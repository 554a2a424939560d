// `npm start`: rebuild what is older than its sources (nothing, usually), then run the compiled
// server in this process (so SIGINT/SIGTERM reach its graceful shutdown directly).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { nodeSupported, staleBuilds } from "./build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "../..");
if (!nodeSupported()) console.warn(`[manualforge] Node ${process.versions.node} is not supported: use Node 22 LTS or 24`);
for (const build of staleBuilds(root)) {
  console.warn(`[manualforge] ${build.name} build is older than its sources: npm run ${build.script}`);
  const r = spawnSync("npm", ["run", build.script], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(path.join(root, "dist/server/src/main.js")).href);
