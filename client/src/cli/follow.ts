// submit / watch: follow a job's events through a progress view, then download its files.
import fs from "node:fs/promises";
import path from "node:path";
import { emptyView, fileFrom, type JobDetail, type JobView, type ManualForgeClient, type StageView } from "../sdk/index.js";
import { palette } from "./colour.js";
import { pickView, type ProgressMode } from "./progress-view.js";

export interface FollowOptions {
  json: boolean;
  afterSeq?: number;
  /** Where to save the job's artifacts when it succeeds; undefined = don't download. */
  outDir?: string;
  progress?: ProgressMode;
  /** The job as read before following: stages already finished are drawn as done (resume). */
  known?: JobDetail | null;
}

/** A shell word: quoted only when it needs to be. */
const shellWord = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** Stages finished before `afterSeq`, from the job as read: the events that said so are not replayed. */
function primed(jobId: string, known: JobDetail | null | undefined, afterSeq: number): JobView {
  const view = emptyView(jobId);
  if (!known || afterSeq <= 0) return view;
  view.lastSeq = afterSeq;
  for (const s of known.stages) {
    if (s.status !== "SUCCEEDED") continue;
    Object.assign(view.stages[s.stage], {
      status: "SUCCEEDED",
      percent: 100,
      summary: (s.summary as StageView["summary"]) ?? null,
      durationMs: s.durationMs ?? null,
      message: s.message ?? "",
    });
  }
  return view;
}

export async function readUpload(file: string): Promise<File> {
  const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  return fileFrom(bytes, path.basename(file));
}

/** Streams the job to the end; resolves with the final view. */
export async function follow(mf: ManualForgeClient, jobId: string, opts: FollowOptions): Promise<JobView> {
  const view = pickView(opts.json, opts.progress, primed(jobId, opts.known, opts.afterSeq ?? 0));
  view.prime();
  const stopOnSignal = () => {
    view.stop();
    const out = opts.outDir ? ` --out ${shellWord(opts.outDir)}` : "";
    process.stderr.write(
      `\nStopped watching; job ${jobId} goes on. Resume with: manualforge watch ${jobId} --after-seq ${view.view.lastSeq}${out}\n`,
    );
    process.exit(130);
  };
  process.once("SIGINT", stopOnSignal);
  try {
    for await (const ev of mf.watchJob(jobId, {
      afterSeq: opts.afterSeq,
      onRetry: ({ attempt, afterSeq, reason }) => view.note(`Connection lost (${reason}); resuming after seq ${afterSeq} (try ${attempt})…`),
    })) {
      view.onEvent(ev);
    }
  } finally {
    view.stop();
    process.off("SIGINT", stopOnSignal);
  }
  const final = view.view;
  const p = palette(process.stderr);
  if (final.status === "SUCCEEDED" && !opts.json) {
    // Where the manual is, on stdout (scripts can take it from there).
    const job = await mf.getJob(jobId);
    if (job?.manualUrl) process.stdout.write(`Manual  ${job.manualUrl}\n`);
    if (job?.manualPdfUrl) process.stdout.write(`PDF     ${job.manualPdfUrl}\n`);
  }
  if (final.status === "SUCCEEDED" && opts.outDir) {
    const saved = await downloadAll(mf, jobId, opts.outDir);
    const manual = saved.find((f) => f.endsWith("manual.html")) ?? saved[0];
    process.stderr.write(
      `${p.green("Manual saved:")} ${manual ?? "(no files)"}${saved.length > 1 ? ` (+${saved.length - 1} more in ${opts.outDir})` : ""}\n`,
    );
  } else if (final.status !== "SUCCEEDED") {
    const text = `Job ${jobId} ${final.status.toLowerCase()}${final.error ? `: ${final.error}` : ""}`;
    process.stderr.write(`${final.status === "CANCELLED" ? p.yellow(text) : p.red(text)}\n`);
  }
  return final;
}

/** Every artifact of the job (the HTML manual links its images by relative name). */
export async function downloadAll(mf: ManualForgeClient, jobId: string, outDir: string): Promise<string[]> {
  const job = await mf.getJob(jobId);
  await fs.mkdir(outDir, { recursive: true });
  const saved: string[] = [];
  for (const a of job?.artifacts ?? []) {
    const { bytes } = await mf.downloadArtifact(a.url);
    // Keep sub-folders the manual links to, but never step outside outDir.
    const rel = path
      .normalize(a.name)
      .replace(/^(\.\.[/\\])+/, "")
      .replace(/^[/\\]+/, "");
    const target = path.join(outDir, rel);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes);
    saved.push(target);
  }
  return saved;
}
