// Runs one claimed job's stages on the pool, from the main thread: PDF_BOM, then PDF_DEEP and
// STEP_EXTRACT side by side, then MATCHING, then GENERATE. A stage already SUCCEEDED (from an
// earlier attempt) is not run again: its stored result is reused (when stored with the current
// result version, see stored-results.ts), so a job resumes from its first unfinished stage.
// Every event goes through the EventLog.
import type { PdfLimits } from "../stages/pdf-text/pdf-limits.js";
import type { ZipLimits } from "../stages/step-extract/zip-limits.js";
import type { MeshQuality, OcrSettings, StageInputs, StageName, StageOutputs } from "../stages/types.js";
import { endStopped, endSucceeded } from "./job-endings.js";
import { workDir } from "./job-paths.js";
import { readOcrLanguages } from "./ocr-languages.js";
import { bomWarnings, matchingWarnings } from "./quality/assess.js";
import { raiseWarnings } from "./quality/raise-warnings.js";
import { runOneStage, type ParallelState, type StageRunnerDeps } from "./stage-runner.js";
import { reusableResults } from "./stored-results.js";
import { JobRequeue, JobStop, STOP_CANCEL } from "./stop-reasons.js";

export interface OrchestratorDeps extends StageRunnerDeps {
  storageDir: string;
  /** True while the server shuts down: no new stage starts; the job is requeued. */
  draining: () => boolean;
  /** This server's INSTANCE_ID (reported in JOB_STARTED). */
  instanceId: string;
  /** Triangulation quality for STEP_EXTRACT (null: occt's defaults). */
  meshQuality: MeshQuality | null;
  /** Longer PDFs fail with PDF_TOO_MANY_PAGES. */
  maxPdfPages: number;
  /** Budgets of the raw PDF reader (PDF_TOO_COMPLEX past them); absent = defaults. */
  pdfLimits?: PdfLimits;
  /** STEP_MAX_NESTING (absent = the reader's default). */
  stepMaxNesting?: number;
  /** STEP_ZIP_* and STEP_MAX_OCCURRENCES (absent = defaults). */
  zipLimits?: ZipLimits;
  stepMaxOccurrences?: number;
  /** MANUALFORGE_CJK_FONT for GENERATE (absent = the default font file). */
  cjkFontPath?: string;
  /** OCR budgets for PDF_BOM (absent: OCR off). */
  ocr?: OcrSettings;
}

export async function runJob(deps: OrchestratorDeps, jobId: string, signal: AbortSignal): Promise<void> {
  const { db, events } = deps;
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { inputs: true, stages: true } });
  const { done, stale } = reusableResults(job.stages);
  const rerun = stale.length ? ` (${stale.join(", ")} run again: stored by another version)` : "";
  await events.append(jobId, {
    kind: "JOB_STARTED",
    message: (done.size ? `Attempt ${job.attempt}: resuming after ${[...done.keys()].join(", ")}` : `Attempt ${job.attempt}: started`) + rerun,
    data: { attempt: job.attempt, resumedStages: [...done.keys()], staleStages: stale, instance: deps.instanceId },
  });

  const pdf = job.inputs.find((i) => i.role === "PDF");
  const steps = job.inputs.filter((i) => i.role === "STEP");
  const work = workDir(deps.storageDir, jobId);
  const parallel: ParallelState = {};

  const stage = async <S extends StageName>(name: S, input: () => StageInputs[S], stageSignal = signal): Promise<StageOutputs[S]> => {
    if (done.has(name)) return done.get(name) as StageOutputs[S];
    if (signal.aborted && signal.reason === STOP_CANCEL) throw new JobStop("CANCELLED", "Job was cancelled", name);
    if (deps.draining() || signal.aborted) throw new JobRequeue(name);
    return runOneStage(deps, jobId, name, input(), stageSignal, parallel);
  };

  try {
    if (!pdf || !steps.length) throw new JobStop("MISSING_INPUT", "The job needs one PDF and at least one STEP file", null);
    // The job's own ocrLanguages (createJob) win over OCR_LANGUAGES and the per-drawing guess.
    const asked = readOcrLanguages(job.ocrLanguages);
    const ocr = deps.ocr && deps.ocr.maxPages > 0 ? { ...deps.ocr, ...(asked ? { languages: asked } : {}) } : undefined;
    const bom = await stage("PDF_BOM", () => ({ pdfPath: pdf.storedPath, maxPages: deps.maxPdfPages, pdfLimits: deps.pdfLimits, ocr }));
    await raiseWarnings(db, events, jobId, "PDF_BOM", bomWarnings(bom));
    // Both run at once on two workers; if one fails, the other is stopped, and the job ends
    // only after both have settled (so no stage event follows the terminal one).
    const sibling = new AbortController();
    const both = AbortSignal.any([signal, sibling.signal]);
    const [deep, step] = await bothSettled(
      firstFailureAborts(sibling, () =>
        stage("PDF_DEEP", () => ({ pdfPath: pdf.storedPath, maxPages: deps.maxPdfPages, pdfLimits: deps.pdfLimits }), both),
      ),
      firstFailureAborts(sibling, () =>
        stage(
          "STEP_EXTRACT",
          () => ({
            stepPaths: steps.map((s) => s.storedPath),
            workDir: work,
            meshQuality: deps.meshQuality,
            stepMaxNesting: deps.stepMaxNesting,
            zipLimits: deps.zipLimits,
            maxOccurrences: deps.stepMaxOccurrences,
          }),
          both,
        ),
      ),
    );
    const matching = await stage("MATCHING", () => ({ bom, step }));
    const warnings = await raiseWarnings(db, events, jobId, "MATCHING", matchingWarnings(bom, step, matching));
    const review = warnings.filter((w) => w.severity === "REVIEW").map((w) => w.message);
    const generated = await stage("GENERATE", () => ({
      workDir: work,
      bom,
      deep,
      step,
      matching,
      ...(review.length ? { review } : {}),
      cjkFontPath: deps.cjkFontPath,
    }));
    await endSucceeded(events, jobId, work, generated);
  } catch (err) {
    await endStopped(events, jobId, err);
  }
}

/** Runs one of two sibling stages; its failure aborts the other one. */
async function firstFailureAborts<T>(sibling: AbortController, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    sibling.abort();
    throw err;
  }
}

/** Waits for both; rethrows the failure that came first (the cause, not the abort it caused). */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  let first: unknown = undefined;
  const note = (err: unknown) => {
    first ??= err;
    throw err;
  };
  const [ra, rb] = await Promise.allSettled([a.catch(note), b.catch(note)]);
  if (ra.status === "rejected" || rb.status === "rejected") throw first;
  return [ra.value, rb.value];
}
