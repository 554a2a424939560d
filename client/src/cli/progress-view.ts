// Terminal views of a running job. TTY: cli-progress bars, one row per step (PDF_DEEP and
// STEP_EXTRACT share a row, side by side), the latest log lines under them. Not a TTY: plain
// lines. --json: one event per line on stdout, for scripts.
import cliProgress, { type Options, type Params, type SingleBar } from "cli-progress";
import { applyEvent, emptyView, STAGE_GROUPS, summaryFigures, type JobEvent, type JobView, type Stage, type StageView } from "../sdk/index.js";

export interface JobProgressView {
  onEvent(ev: JobEvent): void;
  note(text: string): void;
  stop(): void;
  readonly view: JobView;
}

const LOG_ROWS = 4;
const ICON: Record<StageView["status"], string> = { PENDING: "·", RUNNING: "▸", SUCCEEDED: "✔", FAILED: "✖", CANCELLED: "■" };
const seconds = (ms: number | null) => (ms === null ? "" : ` ${(ms / 1000).toFixed(1)}s`);

function stageText(s: StageView, options: Options, barsize: number): string {
  const bar = cliProgress.Format.BarFormat(s.percent / 100, { ...options, barsize });
  const tail = s.status === "SUCCEEDED" ? summaryFigures(s.stage, s.summary).join(", ") + seconds(s.durationMs) : s.status === "RUNNING" ? `${s.percent}%` : s.status.toLowerCase();
  return `${ICON[s.status]} ${s.stage.padEnd(12)} ${bar} ${tail}`;
}

export function ttyView(stream: NodeJS.WriteStream = process.stderr): JobProgressView {
  const view = emptyView();
  const width = () => Math.max(40, (stream.columns ?? 100) - 1);
  const clip = (s: string) => (s.length > width() ? `${s.slice(0, width() - 1)}…` : s);
  const multibar = new cliProgress.MultiBar(
    { stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, fps: 12, barsize: 24, autopadding: true, format: "" },
    cliProgress.Presets.shades_classic,
  );
  // One bar per visible step; the format functions draw from the shared view.
  const rows: SingleBar[] = STAGE_GROUPS.map((group) =>
    multibar.create(100, 0, {}, {
      format: (options: Options, _params: Params) => {
        const parts = group.map((s: Stage) => stageText(view.stages[s], options, group.length > 1 ? 12 : 24));
        return clip(parts.join("   "));
      },
    }),
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
    stop() {
      redraw();
      multibar.stop();
    },
  };
}

export function plainView(out: NodeJS.WritableStream = process.stderr): JobProgressView {
  const view = emptyView();
  return {
    view,
    onEvent(ev) {
      applyEvent(view, ev);
      if (ev.kind === "STAGE_PROGRESS") return;
      const st = ev.stage ? view.stages[ev.stage] : null;
      const figures = ev.kind === "STAGE_SUCCEEDED" && st ? ` (${summaryFigures(st.stage, st.summary).join(", ")})` : "";
      out.write(`[${ev.seq}] ${ev.stage ? `${ev.stage}: ` : ""}${ev.message}${figures}\n`);
    },
    note(text) {
      out.write(`${text}\n`);
    },
    stop() {},
  };
}

export function jsonView(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): JobProgressView {
  const view = emptyView();
  return {
    view,
    onEvent(ev) {
      applyEvent(view, ev);
      out.write(`${JSON.stringify(ev)}\n`);
    },
    note(text) {
      err.write(`${text}\n`);
    },
    stop() {},
  };
}

export function pickView(json: boolean): JobProgressView {
  if (json) return jsonView();
  return process.stderr.isTTY ? ttyView() : plainView();
}
