// pdfjs-dist's legacy build replaces JSON and Array.prototype.push with slow polyfills for the
// whole thread; loading it through pdf-text/pdfjs.ts must leave the engine's own functions.
import { describe, expect, it } from "vitest";

const isNative = (f: unknown) => typeof f === "function" && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(f));

describe("pdfjs-dist loaded through pdf-text/pdfjs.ts", () => {
  it("keeps the native JSON.stringify, JSON.parse and Array.prototype.push", async () => {
    const pdfjs = await import("../../src/stages/pdf-text/pdfjs.js");
    expect(typeof pdfjs.getDocument).toBe("function");
    expect(isNative(JSON.stringify)).toBe(true);
    expect(isNative(JSON.parse)).toBe(true);
    expect(isNative(Array.prototype.push)).toBe(true);
    // What pdfjs adds (it needs these on Node 20) stays.
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe("function");
  });
});
