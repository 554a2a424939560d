// Run in a fresh process by pdfjs-natives.test.ts: are JSON.stringify, JSON.parse and
// Array.prototype.push still the engine's own after pdfjs loads and reads a document?
// (core-js disguises its replacements as native code, so identity is what is compared.)
const before = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push };
const { makeBomPdf } = await import("./make-bom-pdf.js");
const pdfjs = await import("../../src/stages/pdf-text/pdfjs.js");
const data = new Uint8Array(await makeBomPdf({ rows: [{ item: "1", partNumber: "P-1", name: "Plate", quantity: 1, material: "Steel" }] }));
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
const text = await (await doc.getPage(1)).getTextContent();
await doc.destroy();
process.stdout.write(
  before.stringify({
    items: text.items.length,
    stringify: JSON.stringify === before.stringify,
    parse: JSON.parse === before.parse,
    push: Array.prototype.push === before.push,
  }),
);
