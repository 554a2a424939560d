// submit / watch: follow a job's events through a progress view, then download its files.
import fs from "node:fs/promises";
import path from "node:path";
import { fileFrom, type JobView, type ManualForgeClient } from "../sdk/index.js";
import { pickView } from "./progress-view.js";

export interface FollowOptions {
  json: boolean;
  afterSeq?: number;
  /** Where to save the job's artifacts when it succeeds; undefined = don't download. */
  outDir?: string;
}

export async function readUpload(file: string): Promise<File> {
  const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  return fileFrom(bytes, path.basename(file));
}

/** Streams the job to the end; resolves with the final view. */
export async function follow(mf: ManualForgeClient, jobId: string, opts: FollowOptions): Promise<JobView> {
  const view = pickView(opts.json);
  const stopOnSignal = () => {
    view.stop();
    process.stderr.write(`\nStopped watching; job ${jobId} goes on. Resume with: manualforge watch ${jobId} --after-seq ${view.view.lastSeq}\n`);
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
  if (final.status === "SUCCEEDED" && opts.outDir) {
    const saved = await downloadAll(mf, jobId, opts.outDir);
    const manual = saved.find((f) => f.endsWith("manual.html")) ?? saved[0];
    process.stderr.write(`Manual saved: ${manual ?? "(no files)"}${saved.length > 1 ? ` (+${saved.length - 1} more in ${opts.outDir})` : ""}\n`);
  } else if (final.status !== "SUCCEEDED") {
    process.stderr.write(`Job ${jobId} ${final.status.toLowerCase()}${final.error ? `: ${final.error}` : ""}\n`);
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
    const rel = path.normalize(a.name).replace(/^(\.\.[/\\])+/, "").replace(/^[/\\]+/, "");
    const target = path.join(outDir, rel);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes);
    saved.push(target);
  }
  return saved;
}
