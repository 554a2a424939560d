// Terminal views of a running job. TTY: cli-progress bars, one row per step (PDF_DEEP and
// STEP_EXTRACT share a row, side by side), the latest log lines under them. Not a TTY, TERM=dumb
// or --progress=plain: plain lines. --json: one event per line on stdout, for scripts.
import cliProgress, { type Options, type Params, type SingleBar } from "cli-progress";
import {
  applyEvent,
  emptyView,
  STAGE_GROUPS,
  STAGES,
  summaryFigures,
  type JobEvent,
  type JobView,
  type Stage,
  type StageView,
} from "../sdk/index.js";
import { palette, statusColour, type Palette } from "./colour.js";

export interface JobProgressView {
  onEvent(ev: JobEvent): void;
  note(text: string): void;
  /** Stages that finished before the events this view will see (a resumed watch): draw them as done. */
  prime(): void;
  stop(): void;
  readonly view: JobView;
}

const LOG_ROWS = 4;
const ICON: Record<StageView["status"], string> = { PENDING: "·", RUNNING: "▸", SUCCEEDED: "✔", FAILED: "✖", CANCELLED: "■" };
const seconds = (ms: number | null) => (ms === null ? "" : ` ${(ms / 1000).toFixed(1)}s`);

function stageText(s: StageView, options: Options, barsize: number, p: Palette): string {
  const bar = cliProgress.Format.BarFormat(s.percent / 100, { ...options, barsize });
  const tail =
    s.status === "SUCCEEDED"
      ? summaryFigures(s.stage, s.summary).join(", ") + seconds(s.durationMs)
      : s.status === "RUNNING"
        ? `${s.percent}%`
        : s.status.toLowerCase();
  return `${statusColour(p, s.status, ICON[s.status])} ${s.stage.padEnd(12)} ${bar} ${statusColour(p, s.status, tail)}`;
}

export function ttyView(stream: NodeJS.WriteStream = process.stderr, view: JobView = emptyView()): JobProgressView {
  const p = palette(stream);
  const width = () => Math.max(40, (stream.columns ?? 100) - 1);
  const clip = (s: string) => (s.length > width() ? `${s.slice(0, width() - 1)}…` : s);
  const multibar = new cliProgress.MultiBar(
    { stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, fps: 12, barsize: 24, autopadding: true, format: "" },
    cliProgress.Presets.shades_classic,
  );
  // One bar per visible step; the format functions draw from the shared view.
  const rows: SingleBar[] = STAGE_GROUPS.map((group) =>
    multibar.create(
      100,
      0,
      {},
      {
        format: (options: Options, _params: Params) => {
          const parts = group.map((s: Stage) => stageText(view.stages[s], options, group.length > 1 ? 12 : 24, p));
          return clip(parts.join("   ")); // (clip counts colour codes too: it only ever cuts early)
        },
      },
    ),
  );
  const logs: SingleBar[] = Array.from({ length: LOG_ROWS }, (_, i) =>
    multibar.create(1, 0, {}, { format: () => clip(`  ${view.logs.at(-LOG_ROWS + i)?.message ?? ""}`) }),
  );
  const redraw = () => {
    STAGE_GROUPS.forEach((group, i) => rows[i]!.update(Math.min(...group.map((s) => view.stages[s].percent))));
    logs.forEach((l) => l.update(0));
  };
  return {
    view,
    onEvent(ev) {
      applyEvent(view, ev);
      redraw();
    },
    note(text) {
      multibar.log(`${text}\n`);
    },
    prime: redraw,
    stop() {
      redraw();
      multibar.stop();
    },
  };
}

const KIND_STATUS: Partial<Record<string, string>> = {
  STAGE_SUCCEEDED: "SUCCEEDED",
  JOB_SUCCEEDED: "SUCCEEDED",
  STAGE_FAILED: "FAILED",
  JOB_FAILED: "FAILED",
  JOB_CANCELLED: "CANCELLED",
};

export function plainView(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr, view: JobView = emptyView()): JobProgressView {
  const p = palette(out);
  return {
    view,
    onEvent(ev) {
      applyEvent(view, ev);
      if (ev.kind === "STAGE_PROGRESS") return;
      const st = ev.stage ? view.stages[ev.stage] : null;
      const figures = ev.kind === "STAGE_SUCCEEDED" && st ? ` (${summaryFigures(st.stage, st.summary).join(", ")})` : "";
      const line = `${ev.stage ? `${ev.stage}: ` : ""}${ev.message}${figures}`;
      const status = KIND_STATUS[ev.kind];
      out.write(
        `${p.dim(`[${ev.seq}]`)} ${status ? statusColour(p, status, line) : ev.level === "WARN" ? p.yellow(line) : ev.level === "ERROR" ? p.red(line) : line}\n`,
      );
    },
    note(text) {
      out.write(`${text}\n`);
    },
    prime() {
      for (const s of STAGES) {
        const st = view.stages[s];
        if (st.status !== "SUCCEEDED") continue;
        const figures = summaryFigures(s, st.summary).join(", ");
        out.write(`${p.green(`${ICON.SUCCEEDED} ${s}: done${figures ? ` (${figures})` : ""}${seconds(st.durationMs)}`)}\n`);
      }
    },
    stop() {},
  };
}

export function jsonView(
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  view: JobView = emptyView(),
): JobProgressView {
  return {
    view,
    onEvent(ev) {
      applyEvent(view, ev);
      out.write(`${JSON.stringify(ev)}\n`);
    },
    note(text) {
      err.write(`${text}\n`);
    },
    prime() {},
    stop() {},
  };
}

export type ProgressMode = "auto" | "bar" | "plain";

/** --json wins; then --progress; auto = bars on a terminal (not TERM=dumb), plain lines elsewhere. */
export function pickView(json: boolean, mode: ProgressMode = "auto", view: JobView = emptyView()): JobProgressView {
  if (json) return jsonView(process.stdout, process.stderr, view);
  const bars = mode === "bar" || (mode === "auto" && !!process.stderr.isTTY && process.env.TERM !== "dumb");
  return bars ? ttyView(process.stderr, view) : plainView(process.stderr, view);
}
