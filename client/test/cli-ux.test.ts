// The CLI for people: --version, friendly messages for bad arguments, colours only where wanted
// (NO_COLOR), plain progress lines (--progress=plain), and Ctrl-C → a resume hint that keeps
// --out, whose `watch` draws the stages already done as done and prints the manual's URLs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slowJob } from "#test-support/inputs.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { buildCli } from "./support/build-cli.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let main = "";

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: { ...process.env, MANUALFORGE_SERVER: "", FORCE_COLOR: "0", NO_COLOR: "", ...env },
  });
  const out = { stdout: "", stderr: "" };
  const waiters: (() => void)[] = [];
  child.stdout.on("data", (d) => ((out.stdout += d), waiters.splice(0).forEach((w) => w())));
  child.stderr.on("data", (d) => ((out.stderr += d), waiters.splice(0).forEach((w) => w())));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  return {
    child,
    out,
    done,
    /** Resolves when stderr matches; fails after `ms`. */
    async stderrMatches(re: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = out.stderr.match(re);
        if (m) return m;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`stderr never matched ${re}:\n${out.stderr}`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, Math.max(0, deadline - Date.now()));
          waiters.push(() => (clearTimeout(t), r()));
        });
      }
    },
  };
}
async function cli(args: string[], env: Record<string, string> = {}) {
  const p = start(args, env);
  const code = await p.done;
  return { code, ...p.out };
}

describe("manualforge CLI for people", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    main = buildCli();
    server = await startTestServer({ maxConcurrentJobs: 1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-cli-ux-"));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const r of await Promise.all(["--version", "-V"].map((flag) => cli([flag])))) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it("answers bad arguments with one friendly line and exit code 2, never a stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [["sumbit"], /^manualforge: unknown command 'sumbit'\n\(Did you mean submit\?\)/],
      [["watch", "x", "--after-seq", "abc"], /--after-seq must be a whole number ≥ 0, not "abc"/],
      [["list", "--first", "0"], /--first must be a whole number from 1 to 100, not "0"/],
      [["retry", "x", "--from", "NOPE"], /argument 'NOPE' is invalid\. Allowed choices are PDF_BOM, PDF_DEEP, STEP_EXTRACT, MATCHING, GENERATE/],
      [
        ["list", "--server", "localhost4000"],
        /^manualforge: --server must be an http:\/\/ or https:\/\/ URL such as http:\/\/127\.0\.0\.1:4000, not "localhost4000"/,
      ],
      [["--progress", "fancy", "list"], /Allowed choices are auto, bar, plain/],
      [
        ["submit", "a.pdf", "b.step", "--ocr-lang", "en!"],
        /--ocr-lang takes tesseract language codes separated by commas, such as eng,deu, not "en!"/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    for (const [i, [args, re]] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
      expect(r.stdout).toBe("");
    }
  });

  it("submit --ocr-lang: a language the server lacks is refused by the server with the ones it has (exit 2)", async () => {
    const pdf = path.join(dir, "ocr-lang.pdf");
    const step = path.join(dir, "ocr-lang.step");
    fs.writeFileSync(pdf, "%PDF-1.7\n");
    fs.writeFileSync(step, "ISO-10303-21;\n");
    const r = await cli(["submit", pdf, step, "--server", server.url, "--ocr-lang", "eng,klingon", "--no-wait"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ocrLanguages: unknown or not installed: klingon/);
    expect(r.stdout).toBe("");
  });

  it("colours errors when asked (FORCE_COLOR) and never with NO_COLOR", async () => {
    const [coloured, plain] = await Promise.all([
      cli(["list", "--server", "nope"], { FORCE_COLOR: "1" }),
      cli(["list", "--server", "nope"], { FORCE_COLOR: "1", NO_COLOR: "1" }),
    ]);
    expect(coloured.stderr).toContain("\x1b[31m");
    expect(plain.stderr).not.toContain("\x1b[");
    expect(plain.stderr).toMatch(/^manualforge: --server must be/);
  });

  it("Ctrl-C prints a resume hint with --out; the resumed watch shows done stages as done, the manual URLs, and saves the manual", async () => {
    const inputs = await slowJob("resume-me", 250);
    const pdf = path.join(dir, inputs.pdf.name);
    const step = path.join(dir, inputs.step.name);
    fs.writeFileSync(pdf, inputs.pdf.content);
    fs.writeFileSync(step, inputs.step.content);
    const out = path.join(dir, "my manual");
    const submit = start(["submit", pdf, step, "--server", server.url, "--out", out, "--progress=plain"], { TERM: "dumb" });
    await submit.stderrMatches(/PDF_BOM: PDF_BOM done/);
    submit.child.kill("SIGINT");
    expect(await submit.done).toBe(130);
    expect(submit.out.stderr).not.toContain("\x1b["); // plain lines: no cursor moves, no colours
    expect(submit.out.stderr).toMatch(/^\[1\] Queued with /m);
    const hint = submit.out.stderr.match(/Resume with: manualforge watch (\S+) --after-seq (\d+) --out '(.+)'\n/);
    expect(hint, submit.out.stderr).not.toBeNull();
    const [, jobId, afterSeq, outDir] = hint!;
    expect(outDir).toBe(out);

    const watch = await cli(["watch", jobId!, "--after-seq", afterSeq!, "--out", outDir!, "--server", server.url, "--progress", "plain"]);
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stderr.split("\n")[0]).toMatch(/^✔ PDF_BOM: done \(2 rows found/);
    expect(watch.stderr).not.toMatch(/\[\d+\] Queued with/); // events before --after-seq are not replayed
    expect(watch.stdout).toMatch(
      new RegExp(
        `^Manual  http://127\\.0\\.0\\.1:\\d+/artifacts/${jobId}/manual\\.html\\nPDF     http://127\\.0\\.0\\.1:\\d+/artifacts/${jobId}/manual\\.pdf\\n$`,
      ),
    );
    expect(fs.existsSync(path.join(out, "manual.html"))).toBe(true);
  });
});
