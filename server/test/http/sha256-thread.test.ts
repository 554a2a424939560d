// The off-thread SHA-256 of uploads: same digest as node:crypto whatever the chunking, many
// streams at once, memory bounded when bytes come faster than the thread hashes, and the
// process not held open once the streams are done.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Sha256Writable } from "../../src/http/sha256-thread.js";

const MiB = 1 << 20;
const REPO = path.resolve(import.meta.dirname, "../../..");

async function hashInChunks(data: Buffer, chunk: number): Promise<string> {
  const hash = new Sha256Writable();
  const parts = function* () {
    for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
  };
  await pipeline(Readable.from(parts()), hash);
  return hash.digest!;
}

describe("Sha256Writable", () => {
  it("gives node:crypto's digest for every size around the 1 MiB buffer and any chunking", async () => {
    const data = randomBytes(3 * MiB + 17);
    const cases = [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 17].flatMap((size) =>
      [1000, 65_536, 5 * MiB].map((chunk) => ({ size, chunk })),
    );
    // All at once: streams share the thread and must not mix their bytes.
    const digests = await Promise.all(cases.map(({ size, chunk }) => hashInChunks(data.subarray(0, size), chunk)));
    digests.forEach((digest, i) => {
      expect(digest, JSON.stringify(cases[i])).toBe(createHash("sha256").update(data.subarray(0, cases[i]!.size)).digest("hex"));
    });
  });

  it("stops taking bytes while the thread is behind, so memory stays bounded", async () => {
    // Copying into the buffers is ~10× faster than hashing: without the bound the whole
    // 256 MiB would be queued for the thread.
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
    const hash = new Sha256Writable();
    await pipeline(source, hash);
    expect(hash.digest).toBe(expected.digest("hex"));
    expect(peak).toBeLessThan(48 * MiB);
  });

  it("a destroyed stream leaves the thread working for the next one", async () => {
    const hash = new Sha256Writable();
    hash.write(randomBytes(2 * MiB));
    hash.destroy();
    await new Promise((resolve) => hash.once("close", resolve));
    expect(hash.digest).toBeNull();
    const data = randomBytes(MiB + 5);
    expect(await hashInChunks(data, 4096)).toBe(createHash("sha256").update(data).digest("hex"));
  });

  it("does not keep the process alive once its streams are done", async () => {
    // A process that hashed something must exit by itself (execFile's timeout fails the test).
    const script = `
      import { Sha256Writable } from "./server/src/http/sha256-thread.ts";
      const hash = new Sha256Writable();
      hash.on("finish", () => console.log(hash.digest));
      hash.end(Buffer.from("abc"));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "@swc-node/register/esm-register", "--input-type=module", "-e", script],
      { cwd: REPO, timeout: 15_000 },
    );
    expect(stdout.trim()).toBe(createHash("sha256").update("abc").digest("hex"));
  });
});
