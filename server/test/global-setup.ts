// Tests run the server from its TypeScript sources, but its worker threads run compiled
// JavaScript: built once here (tsc follows the imports of the worker entries, tsconfig.worker.json). Worker threads started with
// a TypeScript loader hook (--import) can bring the whole test process down when they are
// terminated while still starting up (cancel, stage timeout, shutdown); compiled workers
// also start several times faster.
import { execFileSync } from "node:child_process";
import path from "node:path";

export const WORKER_BUILD = path.resolve(import.meta.dirname, "../../node_modules/.cache/manualforge-worker");

export default function setup(): void {
  const t0 = Date.now();
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../node_modules/typescript/bin/tsc"), "-p", "tsconfig.worker.json"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: "inherit",
  });
  console.log(`[global-setup] compiled the worker in ${Date.now() - t0} ms`);
}
