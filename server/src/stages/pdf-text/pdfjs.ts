// pdfjs-dist, the one way this code base loads it. Its legacy build (the one that runs on
// Node 20) bundles core-js, which replaces JSON.stringify (~10× slower), JSON.parse (~2×) and
// Array.prototype.push for the whole thread with JavaScript versions made for proposals pdfjs
// never uses. Every stage shares its worker thread with pdfjs, and the event path shares a
// process with it in tests and benchmarks, so the engine's own functions are put back.
import { restoreNatives } from "./native-builtins.js";
export * from "pdfjs-dist/legacy/build/pdf.mjs";
// The worker bundle carries its own core-js copy and would otherwise replace them again when
// the first document starts pdfjs' in-thread ("fake") worker; loaded here it sets
// globalThis.pdfjsWorker, which pdfjs then uses instead of importing it later.
import "pdfjs-dist/legacy/build/pdf.worker.mjs";
restoreNatives();
