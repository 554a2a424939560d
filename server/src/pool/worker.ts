// Piscina entry point: runs ONE stage of one job. Stage modules are loaded on first use and
// stay loaded for the life of the worker (pdfjs, occt's WASM).
import type { MessagePort } from "node:worker_threads";
import { StageError, type StageFn, type StageName } from "../stages/types.js";
import { clientMessage } from "../security/scrub.js";
import { classifyCrash } from "./crash-codes.js";
import { triggerFailpoint } from "./failpoints.js";
import type { StageOutcome, StageTask } from "./messages.js";
import { portReporter } from "./reporter.js";

const loaders: { [S in StageName]: () => Promise<StageFn<S>> } = {
  PDF_BOM: async () => (await import("../stages/pdf-bom/index.js")).runPdfBom,
  PDF_DEEP: async () => (await import("../stages/pdf-deep/index.js")).runPdfDeep,
  STEP_EXTRACT: async () => (await import("../stages/step-extract/index.js")).runStepExtract,
  MATCHING: async () => (await import("../stages/matching/index.js")).runMatching,
  GENERATE: async () => (await import("../stages/generate/index.js")).runGenerate,
};

export default async function runStage(task: StageTask): Promise<StageOutcome> {
  const reporter = portReporter(task.port as MessagePort);
  try {
    const fn = (await loaders[task.stage]()) as StageFn<StageName>;
    triggerFailpoint(task.stage, task.input);
    const result = await fn(task.input as never, reporter);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof StageError) return { ok: false, code: err.code, message: clientMessage(err.message), details: err.details };
    const e = err as Error;
    // The full stack goes to the server's log only; clients get a code and one line.
    console.error(`[worker] ${task.stage} threw:`, e?.stack ?? String(err));
    const known = classifyCrash(task.stage, err);
    if (known) return { ok: false, code: known.code, message: clientMessage(known.message) };
    return { ok: false, code: "STAGE_CRASHED", message: clientMessage(`${task.stage} failed unexpectedly: ${e?.message ?? String(err)}`) };
  } finally {
    reporter.end();
  }
}
