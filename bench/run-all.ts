// npm run bench [-- --quick] [--only=name,name] [--fanout-events=5000] [--md=file]
// Every figure of issue 8 against its raw baseline measured in the same run; prints a table
// (median / p99 over repeated runs, ratio to the baseline) and optionally writes it as Markdown.
import fs from "node:fs";
import { eventLatency } from "./events/latency.js";
import { eventThroughput } from "./events/throughput.js";
import { fanOut } from "./events/fanout.js";
import { pdfBomStage, stepExtractStage } from "./stages/stages.js";
import { wholeJob } from "./jobs/whole-job.js";
import { peakRss } from "./jobs/peak-rss.js";
import { bigUpload } from "./upload/upload.js";
import { machine, markdownTable, textTable, type Row } from "./lib/table.js";

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const quick = args.includes("--quick");
const only = flag("only")?.split(",");
const fanoutEvents = flag("fanout-events") ? Number(flag("fanout-events")) : undefined;

// Peak RSS first: it must not count what earlier figures left in this process (occt's wasm heap).
const figures: { name: string; run: () => Promise<Row[]>; full?: boolean }[] = [
  { name: "rss", run: () => peakRss(), full: true },
  { name: "latency", run: () => eventLatency(quick) },
  { name: "throughput", run: () => eventThroughput(quick) },
  { name: "fanout", run: () => fanOut(quick, fanoutEvents) },
  { name: "pdf-bom", run: () => pdfBomStage(quick) },
  { name: "step", run: () => stepExtractStage(quick) },
  { name: "jobs", run: () => wholeJob(quick) },
  { name: "upload", run: () => bigUpload(quick) },
];

const rows: Row[] = [];
const started = performance.now();
console.log(`ManualForge benchmarks${quick ? " (--quick)" : ""} on ${machine()}`);
for (const f of figures) {
  if (only ? !only.includes(f.name) : f.full && quick) continue;
  const t = performance.now();
  process.stdout.write(`… ${f.name}`);
  try {
    const got = await f.run();
    rows.push(...got);
  } catch (err) {
    const msg = err instanceof Error ? err.message : JSON.stringify(err, ["code", "reason", "message"]);
    rows.push({ figure: f.name, unit: "", median: NaN, p99: NaN, target: "", ok: false, note: `failed: ${msg.slice(0, 160)}` });
  }
  process.stdout.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
console.log(`\n${textTable(rows)}\n\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
const md = flag("md");
if (md) {
  fs.writeFileSync(md, `Machine: ${machine()}\nRun: ${new Date().toISOString()}${quick ? " (--quick)" : ""}\n\n${markdownTable(rows)}\n`);
  console.log(`written ${md}`);
}
// Pools, sockets and timers of the figures are closed; anything left (e.g. a stuck client) must not hold the run.
process.exit(rows.some((r) => r.ok === false && r.note?.startsWith("failed")) ? 1 : 0);
