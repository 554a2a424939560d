#!/usr/bin/env node
// `manualforge`: submit a drawing PDF + STEP assembly, watch it, list/inspect/cancel/retry jobs.
// Exit codes: 0 ok · 1 job failed or cancelled · 2 usage or server-reported error · 3 server unreachable
// · 4 job succeeded but needs review (submit/watch).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createManualForgeClient, ManualForgeError, STAGES, type ManualForgeClient, type JobStatus, type Stage } from "../sdk/index.js";
import { VERSION } from "../sdk/version.js";
import { palette } from "./colour.js";
import type { ProgressMode } from "./progress-view.js";
import { printJob, printJobList } from "./print.js";
import { follow, readUpload } from "./follow.js";
import { reportReview } from "./review.js";

const EXIT = { ok: 0, jobFailed: 1, error: 2, unreachable: 3, needsReview: 4 } as const;

interface Globals {
  server: string;
  apiKey?: string;
  json?: boolean;
  progress: ProgressMode;
}

/** Option values checked where they are read, with a message that says what would be right. */
function wholeNumber(what: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` ≥ ${min}`}, not "${v}".`,
      );
    }
    return n;
  };
}

/** --ocr-lang eng,deu → ["eng", "deu"]; the server checks they are installed. */
function languageList(v: string): string[] {
  const codes = v.split(/[\s,+]+/).filter(Boolean);
  if (!codes.length || codes.some((c) => !/^[A-Za-z_-]{2,16}$/.test(c))) {
    throw new InvalidArgumentError(`--ocr-lang takes tesseract language codes separated by commas, such as eng,deu, not "${v}".`);
  }
  return codes;
}

const program = new Command("manualforge")
  .description("Drawing PDF + STEP assembly in, assembly manual out.")
  .version(VERSION, "-V, --version", "print the version")
  .addOption(new Option("-s, --server <url>", "server URL").env("MANUALFORGE_SERVER").default("http://127.0.0.1:4000"))
  .addOption(new Option("-k, --api-key <key>", "API key (when the server has API_KEYS set)").env("MANUALFORGE_API_KEY"))
  .option("--json", "machine-readable output: one JSON object per line on stdout")
  .addHelpText(
    "after",
    "\nExit codes: 0 done · 1 job failed or cancelled · 2 usage or server-reported error · 3 server unreachable\n" +
      "            · 4 job SUCCEEDED but needs review (submit/watch; its warnings are printed)",
  )
  .addOption(
    new Option("--progress <style>", "progress display: bars on a terminal, plain lines otherwise (also with TERM=dumb)")
      .choices(["auto", "bar", "plain"])
      .default("auto"),
  )
  .configureOutput({
    // "error: …" from commander becomes "manualforge: …", in red on a terminal.
    outputError: (text, write) => write(palette(process.stderr).red(text.replace(/^error: /, "manualforge: "))),
  })
  .showHelpAfterError("(add --help for usage)")
  .showSuggestionAfterError()
  .exitOverride();

let client: ManualForgeClient | null = null;
function connect(cmd: Command): { mf: ManualForgeClient; g: Globals } {
  const g = cmd.optsWithGlobals<Globals>();
  let url: URL | null = null;
  try {
    url = new URL(g.server);
  } catch {
    /* reported below */
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new ManualForgeError(`--server must be an http:// or https:// URL such as http://127.0.0.1:4000, not "${g.server}"`, "BAD_ARGUMENT");
  }
  client = createManualForgeClient({ url: g.server, apiKey: g.apiKey });
  return { mf: client, g };
}
/** submit/watch: failed, done, or done with doubts (warnings printed). */
async function finalCode(mf: ManualForgeClient, jobId: string, status: string, json: boolean): Promise<number> {
  if (status !== "SUCCEEDED") return EXIT.jobFailed;
  return (await reportReview(mf, jobId, json)) ? EXIT.needsReview : EXIT.ok;
}

// Commander ignores what an action returns; each action's result becomes the exit code.
let exitCode: number = EXIT.ok;
function run<A extends unknown[]>(action: (...args: A) => Promise<number>) {
  return async (...args: A) => {
    exitCode = await action(...args);
  };
}

program
  .command("submit")
  .description("upload a drawing and its STEP assembly, show progress, download the manual")
  .argument("<pdf>", "drawing PDF with a BOM table")
  .argument("<step>", "STEP assembly (.step/.stp)")
  .argument("[moreSteps...]", "more STEP files of the same assembly (or one .zip)")
  .option("-o, --out <dir>", "where to save the manual (default: ./manualforge-<jobId>)")
  .option("--no-wait", "print the job id and return at once")
  .option(
    "--ocr-lang <codes>",
    "tesseract languages for a drawing without a text layer, comma-separated (eng,deu,chi_sim…); default: guessed per drawing",
    languageList,
  )
  .action(
    run(async (pdfPath: string, stepPath: string, more: string[], opts: { out?: string; wait: boolean; ocrLang?: string[] }, cmd: Command) => {
      const { mf, g } = connect(cmd);
      const [pdf, step, ...steps] = await Promise.all([pdfPath, stepPath, ...more].map(readUpload));
      const job = await mf.submitJob({ pdf: pdf!, step: step!, steps, ocrLanguages: opts.ocrLang });
      if (!g.json) process.stderr.write(`Job ${job.id} queued (${[pdfPath, stepPath, ...more].join(", ")})\n`);
      if (!opts.wait) {
        if (g.json) process.stdout.write(`${JSON.stringify(job)}\n`);
        else process.stdout.write(`${job.id}\n`);
        return EXIT.ok;
      }
      const view = await follow(mf, job.id, { json: !!g.json, progress: g.progress, outDir: opts.out ?? `manualforge-${job.id}` });
      return finalCode(mf, job.id, view.status, !!g.json);
    }),
  );

program
  .command("watch")
  .description("follow a job's events live (from the start, or after --after-seq)")
  .argument("<jobId>")
  .option("--after-seq <n>", "only events after this seq (stages already done are shown as done)", wholeNumber("--after-seq", 0), 0)
  .option("-o, --out <dir>", "save the manual here when the job succeeds")
  .action(
    run(async (jobId: string, opts: { afterSeq: number; out?: string }, cmd: Command) => {
      const { mf, g } = connect(cmd);
      const known = await mf.getJob(jobId);
      if (!known) throw new ManualForgeError(`No job ${jobId}`, "NOT_FOUND");
      const view = await follow(mf, jobId, { json: !!g.json, progress: g.progress, afterSeq: opts.afterSeq, outDir: opts.out, known });
      return finalCode(mf, jobId, view.status, !!g.json);
    }),
  );

program
  .command("status")
  .description("show a job: status, stages with their figures, manual link")
  .argument("<jobId>")
  .action(
    run(async (jobId: string, _opts: unknown, cmd: Command) => {
      const { mf, g } = connect(cmd);
      const job = await mf.getJob(jobId);
      if (!job) throw new ManualForgeError(`No job ${jobId}`, "NOT_FOUND");
      printJob(job, !!g.json);
      return EXIT.ok;
    }),
  );

program
  .command("list")
  .description("list jobs, newest first")
  .addOption(new Option("--status <status>", "only jobs with this status").choices(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]))
  .option("--needs-review", "only jobs whose result needs review")
  .option("-n, --first <n>", "how many (1–100)", wholeNumber("--first", 1, 100), 20)
  .option("--after <cursor>", "page after this cursor")
  .action(
    run(async (opts: { status?: JobStatus; needsReview?: boolean; first: number; after?: string }, cmd: Command) => {
      const { mf, g } = connect(cmd);
      printJobList(await mf.listJobs(opts), !!g.json);
      return EXIT.ok;
    }),
  );

program
  .command("cancel")
  .description("cancel a queued or running job")
  .argument("<jobId>")
  .action(
    run(async (jobId: string, _opts: unknown, cmd: Command) => {
      const { mf, g } = connect(cmd);
      const job = await mf.cancelJob(jobId);
      process.stdout.write(g.json ? `${JSON.stringify(job)}\n` : `Job ${job.id}: ${job.status}\n`);
      return EXIT.ok;
    }),
  );

program
  .command("retry")
  .description("run a failed or cancelled job again")
  .argument("<jobId>")
  .addOption(new Option("--from <stage>", "restart from this stage").choices(STAGES))
  .action(
    run(async (jobId: string, opts: { from?: Stage }, cmd: Command) => {
      const { mf, g } = connect(cmd);
      const job = await mf.retryJob(jobId, { fromStage: opts.from });
      process.stdout.write(
        g.json ? `${JSON.stringify(job)}\n` : `Job ${job.id}: ${job.status} (attempt ${job.attempt}); follow with: manualforge watch ${job.id}\n`,
      );
      return EXIT.ok;
    }),
  );

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    const e = err as Error;
    const code = err instanceof ManualForgeError ? err.code : "ERROR";
    if (program.opts<Globals>().json) process.stderr.write(`${JSON.stringify({ error: { code, message: e.message } })}\n`);
    else
      process.stderr.write(
        `${palette(process.stderr).red(`manualforge: ${e.message}`)}${code !== "ERROR" && !e.message.includes(code) ? ` [${code}]` : ""}\n`,
      );
    return code === "UNREACHABLE" ? EXIT.unreachable : EXIT.error;
  } finally {
    await client?.close();
  }
}

// `manualforge --json watch … | head` closes our stdout early: that is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(exitCode);
  throw err;
});
process.exitCode = await main(process.argv);
