// Folds a job's events into what a progress view shows: each stage's status, percent and key
// figures, plus the log lines. Shared by the CLI's bars and the web page's cards.
import type { JobEvent } from "./types.js";
import type { Stage } from "./generated/graphql.js";

export const STAGES: Stage[] = ["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING", "GENERATE"];
/** The four steps a person sees: PDF_DEEP and STEP_EXTRACT share one (they run side by side). */
export const STAGE_GROUPS: Stage[][] = [["PDF_BOM"], ["PDF_DEEP", "STEP_EXTRACT"], ["MATCHING"], ["GENERATE"]];

export type StageStatusName = "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export interface StageView {
  stage: Stage;
  status: StageStatusName;
  percent: number;
  message: string;
  summary: Record<string, unknown> | null;
  durationMs: number | null;
}

export interface JobView {
  jobId: string | null;
  lastSeq: number;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  stages: Record<Stage, StageView>;
  logs: Array<{ seq: number; at: string; level: string; stage: Stage | null; message: string }>;
  error: string | null;
}

export function emptyView(jobId: string | null = null): JobView {
  const stages = Object.fromEntries(
    STAGES.map((s) => [s, { stage: s, status: "PENDING", percent: 0, message: "", summary: null, durationMs: null } satisfies StageView]),
  ) as Record<Stage, StageView>;
  return { jobId, lastSeq: 0, status: "QUEUED", stages, logs: [], error: null };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** Applies one event in place (views are rebuilt from the log, so mutation keeps it cheap). */
export function applyEvent(view: JobView, ev: JobEvent): JobView {
  view.jobId ??= ev.jobId;
  view.lastSeq = Math.max(view.lastSeq, ev.seq);
  const st = ev.stage ? view.stages[ev.stage] : null;
  const data = asRecord(ev.data);
  switch (ev.kind) {
    case "JOB_STARTED":
      view.status = "RUNNING";
      view.error = null;
      break;
    case "STAGE_STARTED":
      if (st) Object.assign(st, { status: "RUNNING", percent: 0, summary: null, durationMs: null });
      break;
    case "STAGE_PROGRESS":
      if (st) Object.assign(st, { status: "RUNNING", percent: ev.progress ?? st.percent });
      break;
    case "STAGE_SUCCEEDED":
      if (st)
        Object.assign(st, {
          status: "SUCCEEDED",
          percent: 100,
          summary: asRecord(data.summary),
          durationMs: typeof data.durationMs === "number" ? data.durationMs : null,
        });
      break;
    case "STAGE_FAILED":
      if (st) st.status = "FAILED";
      break;
    case "JOB_SUCCEEDED":
      view.status = "SUCCEEDED";
      break;
    case "JOB_FAILED":
    case "JOB_CANCELLED":
      view.status = ev.kind === "JOB_FAILED" ? "FAILED" : "CANCELLED";
      view.error = ev.message;
      for (const s of STAGES) if (view.stages[s].status === "RUNNING") view.stages[s].status = view.status;
      break;
  }
  // The parallel pair reports both percents on each of its events.
  for (const p of ev.parallel ?? []) {
    const other = view.stages[p.stage];
    if (other.status === "RUNNING") other.percent = Math.max(other.percent, p.percent);
  }
  if (st && ev.message) st.message = ev.message;
  if (ev.kind !== "STAGE_PROGRESS") view.logs.push({ seq: ev.seq, at: ev.at, level: ev.level ?? "INFO", stage: ev.stage, message: ev.message });
  return view;
}

const pct = (v: unknown) => (typeof v === "number" ? `${Math.round(v <= 1 ? v * 100 : v)}%` : "?");

/** Key figures of a finished stage, from STAGE_SUCCEEDED's data.summary. */
export function summaryFigures(stage: Stage, summary: Record<string, unknown> | null): string[] {
  if (!summary) return [];
  const n = (k: string) => (typeof summary[k] === "number" ? (summary[k] as number) : null);
  const out: string[] = [];
  // "1 page read", "3 pages read": label is [singular, plural, suffix].
  const add = (k: string, one: string, many: string, suffix = "") => {
    const v = n(k);
    if (v !== null) out.push(`${v} ${v === 1 ? one : many}${suffix}`);
  };
  switch (stage) {
    case "PDF_BOM":
      add("rows", "row", "rows", " found");
      if (n("page") !== null) out.push(`on page ${n("page")}`);
      break;
    case "PDF_DEEP":
      add("pages", "page", "pages", " read");
      add("notes", "note", "notes");
      break;
    case "STEP_EXTRACT":
      add("parts", "part", "parts", " found");
      add("instances", "instance", "instances");
      break;
    case "MATCHING":
      if (summary.matchRate !== undefined) out.push(`${pct(summary.matchRate)} matched`);
      add("quantityMismatches", "qty mismatch", "qty mismatches");
      break;
    case "GENERATE":
      add("steps", "step", "steps", " generated");
      if (Array.isArray(summary.artifacts)) out.push(`${summary.artifacts.length} file${summary.artifacts.length === 1 ? "" : "s"}`);
      break;
  }
  return out;
}
