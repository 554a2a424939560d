// Which stored stage results a resumed or retried job may reuse. A result is stored with the
// version of its stage's result schema; one written by a build with another version (an
// upgrade between a crash and the restart, or before a retry) is not fed to today's stages:
// that stage runs again, and so does every stage that used its result.
import { STAGES, type StageName } from "../stages/types.js";

/**
 * The schema version of each stage's stored result (StageOutputs in stages/types.ts). Bump a
 * stage's number whenever its result changes shape or meaning, so that results stored by older
 * builds are recomputed instead of reused.
 */
export const RESULT_VERSIONS: Readonly<Record<StageName, number>> = {
  PDF_BOM: 1,
  PDF_DEEP: 1,
  STEP_EXTRACT: 1,
  MATCHING: 1,
  GENERATE: 1,
};

/** The stages whose results each stage's input is made of (see jobs/orchestrator.ts). */
const USES: Readonly<Record<StageName, readonly StageName[]>> = {
  PDF_BOM: [],
  PDF_DEEP: [],
  STEP_EXTRACT: [],
  MATCHING: ["PDF_BOM", "STEP_EXTRACT"],
  GENERATE: ["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING"],
};

export interface StoredStageRun {
  stage: string;
  status: string;
  result: string | null;
  resultVersion: number | null;
}

/**
 * The results to reuse, by stage: SUCCEEDED, stored with the current version, and made from
 * results that are reused too. `stale` lists succeeded stages that will run again because of a
 * version change (theirs or one they use).
 */
export function reusableResults(runs: readonly StoredStageRun[]): { done: Map<StageName, unknown>; stale: StageName[] } {
  const done = new Map<StageName, unknown>();
  const stale: StageName[] = [];
  // STAGES is in dependency order: a stage's inputs are decided before it.
  for (const stage of STAGES) {
    const run = runs.find((r) => r.stage === stage);
    if (!run || run.status !== "SUCCEEDED" || run.result == null) continue;
    if (run.resultVersion === RESULT_VERSIONS[stage] && USES[stage].every((s) => done.has(s))) done.set(stage, JSON.parse(run.result));
    else stale.push(stage);
  }
  return { done, stale };
}
