// `npm start` rebuilds only what is older than its sources, and says which Node it supports.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module (it runs before anything is compiled)
import { BUILDS, nodeSupported, staleBuilds } from "../../scripts/build-freshness.mjs";

const REPO = path.resolve(import.meta.dirname, "../../..");
const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);

describe("npm start", () => {
  it("finds a build stale when its output is missing or older than a source, fresh otherwise", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mf-fresh-"));
    try {
      const builds = [{ name: "x", script: "build", output: "dist/main.js", inputs: ["src", "tsconfig.json"] }];
      fs.mkdirSync(path.join(root, "src/deep"), { recursive: true });
      fs.writeFileSync(path.join(root, "src/deep/a.ts"), "");
      fs.writeFileSync(path.join(root, "tsconfig.json"), "{}");
      expect(staleBuilds(root, builds)).toHaveLength(1); // never built
      fs.mkdirSync(path.join(root, "dist"));
      fs.writeFileSync(path.join(root, "dist/main.js"), "");
      for (const p of ["src", "src/deep", "src/deep/a.ts", "tsconfig.json"]) at(path.join(root, p), 1000);
      at(path.join(root, "dist/main.js"), 2000);
      expect(staleBuilds(root, builds)).toEqual([]); // built after every source
      at(path.join(root, "src/deep/a.ts"), 3000);
      expect(staleBuilds(root, builds)).toHaveLength(1); // a source changed since
      at(path.join(root, "src/deep/a.ts"), 1000);
      fs.rmSync(path.join(root, "src/deep/a.ts")); // a deleted source shows as a newer directory
      expect(staleBuilds(root, builds)).toHaveLength(1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("supports Node 22 LTS and 24 (package.json engines agrees)", () => {
    expect([nodeSupported("20.20.2"), nodeSupported("22.12.0"), nodeSupported("24.3.0"), nodeSupported("25.0.0")]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const engines = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).engines.node as string;
    expect(engines).toMatch(/\^22\./);
    expect(engines).toMatch(/\^24\./);
    expect(BUILDS.map((b: { script: string }) => b.script)).toEqual(["build", "build:client", "build:explorer"]);
  });

  const fresh = staleBuilds(REPO).length === 0;
  if (!fresh)
    console.warn(
      "[skip] dist/ or client/web/dist is older than its sources (npm run build && npm run build:client): the no-rebuild start test is skipped",
    );
  it.skipIf(!fresh)("starts the compiled server without rebuilding when dist/ is up to date", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-start-"));
    const { MANUALFORGE_WORKER_BUILD: _ignored, ...env } = process.env;
    const proc = spawn(process.execPath, [path.join(REPO, "server/scripts/start.mjs")], {
      cwd: dir,
      env: { ...env, HOST: "127.0.0.1", PORT: "0", DATABASE_URL: `file:${path.join(dir, "db", "m.db")}`, STORAGE_DIR: path.join(dir, "s") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${out}`)), 30_000);
        const onData = (d: Buffer) => {
          out += d;
          if (/GraphQL at http/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        proc.stdout!.on("data", onData);
        proc.stderr!.on("data", onData);
        proc.on("exit", () => reject(new Error(`exited:\n${out}`)));
      });
      expect(out).not.toMatch(/build is older than its sources/);
    } finally {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.on("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
