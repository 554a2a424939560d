// The staging thread that writes and hashes uploads: the file holds exactly the bytes and the
// digest is node:crypto's whatever the chunking, many files at once; memory stays bounded when
// bytes come faster than the thread writes; a destroyed file is removed and the thread goes
// on; an existing path is refused and left alone; the process is not held open afterwards.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { configureStagingThread, StagingWritable } from "../../src/http/staging-thread.js";

const MiB = 1 << 20;
const REPO = path.resolve(import.meta.dirname, "../../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-staging-"));
let n = 0;
const newPath = () => path.join(dir, `f${n++}.part`);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// In this process: the compiled entry of the test build (as servers under test use it); the
// child process below runs it from its .ts source, as `npm run dev` does.
configureStagingThread(loadConfig().workerBuild);

async function stage(data: Buffer, chunk: number): Promise<{ file: string; digest: string }> {
  const file = newPath();
  const out = new StagingWritable(file);
  const parts = function* () {
    for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
  };
  await pipeline(Readable.from(parts()), out);
  return { file, digest: out.digest! };
}

describe("StagingWritable", () => {
  it("writes exactly the bytes and gives node:crypto's digest, for sizes around its 1 MiB buffer, any chunking, many files at once", async () => {
    const data = randomBytes(3 * MiB + 17);
    const cases = [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 17].flatMap((size) => [1000, 65_536, 5 * MiB].map((chunk) => ({ size, chunk })));
    const staged = await Promise.all(cases.map(({ size, chunk }) => stage(data.subarray(0, size), chunk)));
    staged.forEach(({ file, digest }, i) => {
      const expected = data.subarray(0, cases[i]!.size);
      expect(digest, JSON.stringify(cases[i])).toBe(sha256(expected));
      expect(fs.readFileSync(file).equals(expected), JSON.stringify(cases[i])).toBe(true);
    });
  });

  it("stops taking bytes while the thread is behind, so memory stays bounded", async () => {
    // Copying into the buffers is several times faster than writing and hashing: without the
    // bound the whole 256 MiB would be queued for the thread.
    const chunk = randomBytes(MiB);
    const expected = createHash("sha256");
    for (let i = 0; i < 256; i++) expected.update(chunk);
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 256; i++) {
          peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
          yield chunk;
        }
      })(),
    );
    const file = newPath();
    const out = new StagingWritable(file);
    await pipeline(source, out);
    expect(out.digest).toBe(expected.digest("hex"));
    expect(fs.statSync(file).size).toBe(256 * MiB);
    fs.rmSync(file);
    expect(peak).toBeLessThan(48 * MiB);
  });

  it("a file destroyed part-way is removed before 'close', and the thread goes on with the next", async () => {
    const file = newPath();
    const out = new StagingWritable(file);
    out.write(randomBytes(2 * MiB + 5));
    out.destroy();
    await new Promise((resolve) => out.once("close", resolve));
    expect(out.digest).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    const data = randomBytes(MiB + 5);
    const next = await stage(data, 4096);
    expect(next.digest).toBe(sha256(data));
  });

  it("refuses a path that exists (EEXIST) and leaves that file alone", async () => {
    const file = newPath();
    fs.writeFileSync(file, "someone else's");
    const out = new StagingWritable(file);
    const failed = new Promise<NodeJS.ErrnoException>((resolve) => out.once("error", resolve));
    const closed = new Promise((resolve) => out.once("close", resolve));
    out.end(Buffer.from("ours"));
    expect((await failed).code).toBe("EEXIST");
    await closed;
    expect(fs.readFileSync(file, "utf8")).toBe("someone else's");
  });

  it("does not keep the process alive once its files are done", async () => {
    // A process that staged a file must exit by itself (execFile's timeout fails the test).
    const file = newPath();
    const script = `
      import { StagingWritable } from "./server/src/http/staging-thread.ts";
      const out = new StagingWritable(${JSON.stringify(file)});
      out.on("finish", () => console.log(out.digest));
      out.end(Buffer.from("abc"));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "@swc-node/register/esm-register", "--input-type=module", "-e", script],
      {
        cwd: REPO,
        timeout: 15_000,
      },
    );
    expect(stdout.trim()).toBe(sha256(Buffer.from("abc")));
    expect(fs.readFileSync(file, "utf8")).toBe("abc");
  });
});
