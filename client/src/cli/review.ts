// A finished job's doubts for the CLI: its warnings on stderr, and whether it needs review
// (exit code 4, distinct from done and failed, so scripts can branch without parsing output).
import type { JobSummary, ManualForgeClient } from "../sdk/index.js";

type Warnings = JobSummary["warnings"];

export function warningLines(warnings: Warnings): string[] {
  return warnings.map((w) => `${w.severity === "REVIEW" ? "⚠" : "ℹ"} ${w.code} (${w.stage}): ${w.message}`);
}

/** Reads the job once more; prints its warnings (unless json) and says whether it needs review. */
export async function reportReview(mf: ManualForgeClient, jobId: string, json: boolean): Promise<boolean> {
  const job = await mf.getJob(jobId);
  if (!job) return false;
  if (!json && job.warnings.length) {
    process.stderr.write(`${job.needsReview ? "Needs review — the manual is a draft:" : "Warnings:"}\n`);
    for (const line of warningLines(job.warnings)) process.stderr.write(`  ${line}\n`);
  }
  return job.needsReview;
}
