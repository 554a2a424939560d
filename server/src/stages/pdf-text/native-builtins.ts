// The built-ins pdfjs-dist's legacy build replaces, captured before it loads (see pdfjs.ts).
// Imported first by pdfjs.ts, so ESM evaluation order makes these the engine's own functions.
const natives = {
  stringify: JSON.stringify,
  parse: JSON.parse,
  push: Array.prototype.push,
};

/** Puts the engine's JSON.stringify, JSON.parse and Array.prototype.push back. */
export function restoreNatives(): void {
  JSON.stringify = natives.stringify;
  JSON.parse = natives.parse;
  Object.defineProperty(Array.prototype, "push", { value: natives.push, writable: true, configurable: true, enumerable: false });
}
