// `npm start` runs the compiled server (dist/). This catches what only breaks after tsc: files
// tsc does not copy, paths computed from import.meta.url, the worker entry. CI builds first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gql, uploadJob } from "../support/graphql-client.js";
import { smallJob } from "../support/inputs.js";

const REPO = path.resolve(import.meta.dirname, "../../..");
const MAIN = path.join(REPO, "dist/server/src/main.js");
if (!fs.existsSync(MAIN)) console.warn("[skip] dist/ not built (npm run build): the compiled-server test is skipped");

describe.skipIf(!fs.existsSync(MAIN))("compiled server", () => {
  it("starts from dist/, migrates a new database, answers GraphQL and takes an upload (the compiled staging worker)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-dist-"));
    const { MANUALFORGE_WORKER_BUILD: _ignored, ...env } = process.env; // the real compiled worker, not the test build
    const proc = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: {
        ...env,
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: `file:${path.join(dir, "db", "m.db")}`,
        STORAGE_DIR: path.join(dir, "s"),
        SHUTDOWN_GRACE_MS: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (d) => (out += d));
    proc.stderr!.on("data", (d) => (out += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${out}`)), 30_000);
        proc.stdout!.on("data", () => {
          const m = /GraphQL at (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        proc.on("exit", () => reject(new Error(`exited:\n${out}`)));
      });
      const res = await gql(url, `{ jobs { totalCount } }`);
      expect(res.data.jobs.totalCount).toBe(0);
      const { pdf, step } = await smallJob("dist");
      const upload = await uploadJob(url, pdf, step);
      expect(upload.body.errors).toBeUndefined();
      expect(["QUEUED", "RUNNING"]).toContain(upload.body.data!.createJob.status);
    } finally {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.on("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
