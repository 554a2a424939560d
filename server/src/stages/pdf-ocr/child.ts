// Runs the external OCR tools (pdftoppm, tesseract) as child processes. Each run is bounded by
// a deadline (the stage's remaining time) and an AbortSignal, so a cancelled or timed-out job
// never leaves a process behind; a missing tool is a typed failure, not a crash.
import { spawn } from "node:child_process";
import type { JobFailureCode } from "../../errors/job-failure-codes.js";
import { StageError } from "../types.js";

export interface RunLimits {
  /** Epoch ms after which the process is killed. */
  deadline: number;
  signal?: AbortSignal;
}

const live = new Set<ReturnType<typeof spawn>>();
// A worker thread that is terminated (job cancelled, stage timeout) takes its children along.
process.once("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

export function run(cmd: string, args: string[], limits: RunLimits, code: JobFailureCode, input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const left = limits.deadline - Date.now();
    if (left <= 0) return reject(new StageError("OCR_TIMEOUT", `No time left in the stage for ${cmd}`));
    if (limits.signal?.aborted) return reject(new StageError("CANCELLED", `${cmd} was cancelled`));
    // One OpenMP thread per tesseract: the pool already runs stages side by side on every core.
    const env = { ...process.env, OMP_THREAD_LIMIT: "1" };
    const child = spawn(cmd, args, { stdio: [input ? "pipe" : "ignore", "pipe", "pipe"], env });
    if (input) {
      child.stdin!.on("error", () => {}); // a child that dies early closes its stdin; "close" reports it
      child.stdin!.end(input);
    }
    live.add(child);
    const out: Buffer[] = [];
    let err = "";
    let why: StageError | null = null;
    const kill = (e: StageError) => {
      why ??= e;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(new StageError("OCR_TIMEOUT", `${cmd} ran out of the stage's time`)), left);
    const onAbort = () => kill(new StageError("CANCELLED", `${cmd} was cancelled`));
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    const done = () => {
      clearTimeout(timer);
      limits.signal?.removeEventListener("abort", onAbort);
      live.delete(child);
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      done();
      reject(
        new StageError(
          code,
          e.code === "ENOENT" ? `${cmd} is not installed (needed to read drawings without a text layer)` : `${cmd} failed to start: ${e.message}`,
        ),
      );
    });
    child.on("close", (status) => {
      done();
      if (why) return reject(why);
      if (status !== 0) return reject(new StageError(code, `${cmd} exited with ${status}: ${err.trim().split("\n").slice(-3).join(" ")}`));
      resolve(Buffer.concat(out));
    });
  });
}
