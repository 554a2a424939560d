// Budgets of the PDF and STEP readers, each checked with a small crafted file made here:
// decoded bytes (per stream, per document, double FlateDecode), page-tree duplicates and
// cycles, nesting, Form XObject cycles and fan-out, STEP list nesting. Then end to end: such
// files end FAILED with a PDF_/STEP_ code within seconds and the next job still succeeds.
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageSegments } from "../../src/stages/pdf-text/content-paths.js";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../../src/stages/pdf-text/pdf-limits.js";
import { precheckPdf } from "../../src/stages/pdf-text/pdf-precheck.js";
import { openRaw } from "../../src/stages/pdf-text/raw-source.js";
import { parseStepEntities } from "../../src/stages/step-extract/step-entities.js";
import { StepSyntaxError } from "../../src/stages/step-extract/step-cursor.js";
import { StageError } from "../../src/stages/types.js";
import { rawPdf } from "../support/bad-files.js";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const MiB = 1024 * 1024;
const small: PdfLimits = { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 1 * MiB, maxDecodedBytes: 3 * MiB, maxOpsPerPage: 10_000 };

/** A stream object body: Flate-encoded `times` over. */
function flateStream(content: Buffer, times = 1, extra = ""): string {
  let data = content;
  for (let i = 0; i < times; i++) data = zlib.deflateSync(data, { level: 9 });
  const filters = Array(times).fill("/FlateDecode").join(" ");
  return `<< /Length ${data.length} /Filter [${filters}]${extra} >>\nstream\n${data.toString("latin1")}\nendstream`;
}

/** A one-page PDF whose page draws `content` with these XObjects (object bodies from 5 on). */
function onePage(content: string, xobjects: string[] = [], names = ""): Buffer {
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << ${names} >> >> >>`,
    flateStream(Buffer.from(content)),
    ...xobjects,
  ]);
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof StageError) return err.code;
    if (err instanceof StepSyntaxError) return "StepSyntaxError";
    throw err;
  }
}

function segmentsOf(pdf: Buffer, limits: PdfLimits) {
  const raw = openRaw(new Uint8Array(pdf), 1, limits);
  if (!raw) throw new Error("raw reader refused the file");
  return pageSegments(raw.pdf, raw.pages[0]!);
}

/** Doubles a page tree `levels` times: each level lists the next one twice (2^levels pages). */
function doubledTreePdf(levels: number): Buffer {
  const objs = ["<< /Type /Catalog /Pages 2 0 R >>"];
  for (let i = 0; i < levels; i++) objs.push(`<< /Type /Pages /Kids [${i + 3} 0 R ${i + 3} 0 R] /Count ${2 ** (levels - i)} >>`);
  objs.push("<< /Type /Page /MediaBox [0 0 595 842] >>");
  return rawPdf(objs);
}

/** Form i draws form i+1 `fan` times, `levels` deep. */
function fanOutForms(levels: number, fan: number): Buffer {
  const forms: string[] = [];
  for (let i = 0; i < levels; i++) {
    const body = i + 1 < levels ? "/F Do ".repeat(fan) : "0 0 m 100 0 l S";
    const res = i + 1 < levels ? ` /Resources << /XObject << /F ${6 + i} 0 R >> >>` : "";
    forms.push(flateStream(Buffer.from(body), 1, ` /Type /XObject /Subtype /Form /BBox [0 0 600 800]${res}`));
  }
  return onePage("/F Do ".repeat(fan), forms, "/F 5 0 R");
}

describe("PDF budgets", () => {
  it("caps one stream's decoded bytes, also through a double FlateDecode", () => {
    const bomb = onePage("0 0 m 1 1 l S", [], "");
    expect(codeOf(() => precheckPdf(bomb, small))).toBeNull();
    const double = rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", flateStream(Buffer.alloc(64 * MiB), 2)]);
    expect(double.length).toBeLessThan(20_000); // 64 MiB of zeros, flated twice
    expect(codeOf(() => precheckPdf(double, small))).toBe("PDF_TOO_COMPLEX");
  });

  it("caps the decoded bytes of the whole document", () => {
    const parts = Array.from({ length: 5 }, () => flateStream(Buffer.alloc(900 * 1024, 0x20)));
    const pdf = rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", ...parts]);
    expect(codeOf(() => precheckPdf(pdf, small))).toBe("PDF_TOO_COMPLEX");
    expect(codeOf(() => precheckPdf(pdf, { ...small, maxDecodedBytes: 8 * MiB }))).toBeNull();
  });

  it("walks a page tree that lists a node twice or contains itself once, then stops", () => {
    const started = Date.now();
    expect(codeOf(() => precheckPdf(doubledTreePdf(30)))).toBe("PDF_TOO_COMPLEX");
    const cyclic = rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]);
    expect(codeOf(() => precheckPdf(cyclic))).toBe("PDF_TOO_COMPLEX");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses objects nested deeper than PDF_MAX_NESTING instead of overflowing the stack", () => {
    const deep = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R /Resources ${"<< /A ".repeat(50_000)}1${" >>".repeat(50_000)} >>`,
    ]);
    expect(codeOf(() => precheckPdf(deep))).toBe("PDF_TOO_COMPLEX");
  });

  it("refuses a Form XObject that draws itself, and fan-out past PDF_MAX_OPS_PER_PAGE", () => {
    const self = onePage(
      "/F Do",
      [flateStream(Buffer.from("/F Do"), 1, " /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /F 5 0 R >> >>")],
      "/F 5 0 R",
    );
    expect(codeOf(() => segmentsOf(self, small))).toBe("PDF_TOO_COMPLEX");
    const fan = fanOutForms(6, 20); // 20^5 draws of a line
    expect(fan.length).toBeLessThan(5_000);
    expect(codeOf(() => segmentsOf(fan, small))).toBe("PDF_TOO_COMPLEX");
    // A reasonable page still reads: 2 levels of 3 draws.
    expect(segmentsOf(fanOutForms(2, 3), small).length).toBe(9 * 4);
  });
});

describe("STEP budgets", () => {
  const step = (data: string) =>
    `ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\nFILE_SCHEMA(('AP214'));\nENDSEC;\nDATA;\n${data}\nENDSEC;\nEND-ISO-10303-21;\n`;

  it("refuses lists nested past STEP_MAX_NESTING with a syntax error, not a RangeError", () => {
    const deep = step(`#1=PRODUCT(${"(".repeat(200_000)}${")".repeat(200_000)});`);
    const err = (() => {
      try {
        parseStepEntities(deep, new Set(["PRODUCT"]));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StepSyntaxError);
    expect((err as Error).message).toMatch(/STEP_MAX_NESTING/);
    expect(() => parseStepEntities(step(`#1=PRODUCT('a','b',((1.,2.),(3.)),$);`), new Set(["PRODUCT"]))).not.toThrow();
  });
});

describe("hostile files end to end", () => {
  let server: TestServer;
  let good: Awaited<ReturnType<typeof smallJob>>;
  beforeAll(async () => {
    // Small budgets keep the crafted files (and the test) small; the defaults are tested above.
    server = await startTestServer({ pdfLimits: { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 4 * MiB, maxDecodedBytes: 16 * MiB } });
    good = await smallJob("budgets");
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function outcome(pdf: Buffer, step: string | Buffer) {
    const up = await uploadJob(server.url, { name: "in.pdf", content: pdf }, { name: "in.step", content: step });
    expect(up.body.errors, JSON.stringify(up.body.errors)).toBeUndefined();
    const jobId = up.body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    await collect(client, JOB_EVENTS, { jobId }, 60_000);
    await client.dispose();
    return (await gql(server.url, `query ($id: ID!) { job(id: $id) { status errorCode errorStage errorMessage } }`, { id: jobId })).data.job;
  }

  it("a PDF whose streams decode to gigabytes → FAILED PDF_TOO_COMPLEX in seconds", async () => {
    const started = Date.now();
    const bomb = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      flateStream(Buffer.alloc(64 * MiB), 2),
    ]);
    const job = await outcome(bomb, good.step.content);
    expect(job).toMatchObject({ status: "FAILED", errorCode: "PDF_TOO_COMPLEX" });
    expect(job.errorMessage).not.toMatch(/\/tmp|\/work|node_modules/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("a STEP nested 200,000 levels → FAILED STEP_INVALID, and the next job succeeds", async () => {
    const deep = String(good.step.content).replace(/DATA;\n/, `DATA;\n#999999=PRODUCT(${"(".repeat(200_000)}${")".repeat(200_000)});\n`);
    const job = await outcome(good.pdf.content as Buffer, deep);
    expect(job).toMatchObject({ status: "FAILED", errorCode: "STEP_INVALID", errorStage: "STEP_EXTRACT" });
    expect((await outcome(good.pdf.content as Buffer, good.step.content)).status).toBe("SUCCEEDED");
  });
});
