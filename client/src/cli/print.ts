// `status` and `list` output: aligned text for people, JSON lines for scripts.
import { failureCodeText, summaryFigures, type JobDetail, type JobPage, type StageView } from "../sdk/index.js";
import { warningLines } from "./review.js";

const out = (line = ""): void => void process.stdout.write(`${line}\n`);
const when = (iso: string | null) => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "—");

export function printJob(job: JobDetail, json: boolean): void {
  if (json) return out(JSON.stringify(job));
  out(`Job      ${job.id}`);
  out(`Status   ${job.status}${job.needsReview ? " — NEEDS REVIEW" : ""}${job.attempt > 1 ? ` (attempt ${job.attempt})` : ""}`);
  out(`Inputs   ${job.inputs.map((i) => `${i.originalName} (${i.role})`).join(", ")}`);
  out(`Created  ${when(job.createdAt)}   finished ${when(job.finishedAt)}`);
  if (job.failureCode || job.errorMessage)
    out(`Error    ${failureCodeText(job) ?? ""} ${job.errorStage ? `in ${job.errorStage}: ` : ""}${job.errorMessage ?? ""}`);
  out();
  for (const s of job.stages) {
    const figures = summaryFigures(s.stage, (s.summary as StageView["summary"]) ?? null).join(", ");
    const took = s.durationMs === null ? "" : `${(s.durationMs / 1000).toFixed(1)}s`;
    out(`  ${s.stage.padEnd(13)} ${s.status.padEnd(10)} ${String(s.progress).padStart(3)}%  ${took.padStart(6)}  ${figures}`);
  }
  if (job.bom.length) {
    const matched = job.matches.filter((m) => m.partIndex !== null).length;
    out();
    out(`BOM      ${job.bom.length} rows, ${matched} matched to STEP parts`);
  }
  if (job.unmatchedParts.length) {
    out(
      `Unmatched CAD parts (${job.unmatchedParts.length}): ${job.unmatchedParts.map((u) => job.parts[u.partIndex]?.name ?? `#${u.partIndex}`).join(", ")}`,
    );
  }
  if (job.warnings.length) {
    out();
    out(job.needsReview ? "Needs review:" : "Warnings:");
    for (const line of warningLines(job.warnings)) out(`  ${line}`);
  }
  if (job.manualUrl) out(`Manual   ${job.manualUrl}`);
  if (job.manualPdfUrl) out(`PDF      ${job.manualPdfUrl}`);
}

export function printJobList(page: JobPage, json: boolean): void {
  if (json) {
    for (const e of page.edges) out(JSON.stringify(e.node));
    return;
  }
  if (!page.edges.length) return out("No jobs.");
  out(`${"JOB".padEnd(36)} ${"STATUS".padEnd(10)} ${"CREATED".padEnd(21)} INPUTS`);
  for (const { node: j } of page.edges) {
    const status = j.needsReview && j.status === "SUCCEEDED" ? "REVIEW" : j.status;
    out(`${j.id.padEnd(36)} ${status.padEnd(10)} ${when(j.createdAt).padEnd(21)} ${j.inputs.map((i) => i.originalName).join(", ")}`);
  }
  out(`${page.edges.length} of ${page.totalCount}${page.pageInfo.hasNextPage ? `; next page: --after ${page.pageInfo.endCursor}` : ""}`);
}
