// Where a worker thread's entry module is, for the stage pool and the staging thread alike:
// - config.workerBuild set (tests): the compiled copy of the entry in that tsc output folder;
// - running from .ts sources (npm run dev): the .ts file, through swc's TypeScript loader;
// - compiled (dist/): the .js file beside the code that starts the thread.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The folder tsc's outDir mirrors (the repository root, or dist/ when compiled). */
const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../../..");

export interface WorkerEntry {
  /** file: URL of the module the thread runs. */
  filename: string;
  execArgv: string[];
}

/**
 * `starter` is the import.meta.url of the module that starts the thread, `relative` the entry's
 * path from it without extension ("./worker"); `workerBuild` is config.workerBuild.
 */
export function workerEntry(starter: string, relative: string, workerBuild: string | null): WorkerEntry {
  const fromSource = starter.endsWith(".ts");
  const source = fileURLToPath(new URL(`${relative}${fromSource ? ".ts" : ".js"}`, starter));
  if (workerBuild) {
    const compiled = path.join(workerBuild, path.relative(ROOT, source)).replace(/\.ts$/, ".js");
    return { filename: pathToFileURL(compiled).href, execArgv: [] };
  }
  return { filename: pathToFileURL(source).href, execArgv: fromSource ? ["--import", "@swc-node/register/esm-register"] : [] };
}
