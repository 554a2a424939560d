// One row per benchmark figure, and the table they are printed in (plain text and Markdown).
import os from "node:os";

export interface Row {
  figure: string;
  unit: string;
  median: number;
  p99: number;
  /** Baseline measured in the same run (same unit), if the figure has one. */
  baseMedian?: number;
  baseP99?: number;
  baseline?: string;
  /** ours / baseline, on the statistic the target is about. */
  ratio?: number;
  target: string;
  /** true = meets target, false = below target, undefined = report only. */
  ok?: boolean;
  note?: string;
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "—" : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);

function cells(r: Row): string[] {
  return [
    r.figure,
    `${fmt(r.median)} / ${fmt(r.p99)} ${r.unit}`,
    r.baseline ? `${fmt(r.baseMedian)} / ${fmt(r.baseP99)} ${r.unit} (${r.baseline})` : "—",
    r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.ok === undefined ? "report" : r.ok ? "OK" : "BELOW",
    r.note ?? "",
  ];
}

const HEAD = ["figure", "ours median / p99", "baseline median / p99", "ratio", "target", "result", "note"];

export function markdownTable(rows: Row[]): string {
  const line = (c: string[]) => `| ${c.map((x) => x.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(HEAD), line(HEAD.map(() => "---")), ...rows.map((r) => line(cells(r)))].join("\n");
}

export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.min(60, Math.max(...all.map((c) => c[i]!.length))));
  return all
    .map((c) =>
      c
        .map((x, i) => x.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()} (logical), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}
