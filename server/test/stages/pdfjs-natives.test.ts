// pdfjs-dist's legacy build (pdf.mjs, and its worker bundle once a document opens) replaces
// JSON.stringify, JSON.parse and Array.prototype.push with slow core-js versions for the whole
// thread; loading it through pdf-text/pdfjs.ts must leave the engine's own functions. Checked
// in a fresh process, so nothing else loaded before counts.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const probe = fileURLToPath(new URL("../support/pdfjs-natives-probe.ts", import.meta.url));

describe("pdfjs-dist loaded through pdf-text/pdfjs.ts", () => {
  it("keeps the native JSON.stringify, JSON.parse and Array.prototype.push after reading a document", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "@swc-node/register/esm-register", probe], { timeout: 60_000 });
    const result = JSON.parse(stdout);
    expect(result.items).toBeGreaterThan(0);
    expect(result).toMatchObject({ stringify: true, parse: true, push: true });
  }, 90_000);
});
