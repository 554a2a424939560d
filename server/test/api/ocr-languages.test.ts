// createJob(ocrLanguages:) over the multipart upload: the languages are checked (one not
// installed → BAD_USER_INPUT listing the installed ones, nothing stored), stored on the job
// (Job.ocrLanguages, normalised) and used by PDF_BOM's OCR instead of its guess.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manyPagePdf } from "../support/bad-files.js";
import { gql, type GqlResult } from "../support/graphql-client.js";
import { makeStepAssembly } from "../support/make-step.js";
import { followJob } from "../support/subscriptions.js";
import { filesUnder, startTestServer, type TestServer } from "../support/test-server.js";
import { hasOcrTools } from "../support/ocr-tools.js";

const hasTools = hasOcrTools;
if (!hasTools) console.warn("[skip] tesseract or pdftoppm not installed: the ocrLanguages pass-through case is skipped");

const CREATE = `mutation ($pdf: Upload!, $step: Upload!, $langs: [String!]) {
  createJob(pdf: $pdf, step: $step, ocrLanguages: $langs) { id ocrLanguages }
}`;
const STEP = makeStepAssembly({ name: "plate", parts: [{ name: "Plate", size: [100, 60, 5], placements: [[0, 0, 0]] }] });

/** createJob as a GraphQL multipart request with ocrLanguages among its variables. */
async function upload(url: string, langs: string[] | null): Promise<GqlResult<{ createJob: { id: string; ocrLanguages: string[] | null } }>> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: CREATE, variables: { pdf: null, step: null, langs } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  // One blank page: no text layer, so PDF_BOM goes to OCR (which finds nothing, quickly).
  form.append("0", new Blob([new Uint8Array(manyPagePdf(1))], { type: "application/pdf" }), "blank.pdf");
  form.append("1", new Blob([STEP], { type: "application/octet-stream" }), "plate.step");
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  return (await res.json()) as GqlResult<{ createJob: { id: string; ocrLanguages: string[] | null } }>;
}

describe("createJob(ocrLanguages)", () => {
  let server: TestServer;
  beforeAll(async () => {
    // A small render budget: the blank page needs no resolution, only to be OCR'd.
    server = await startTestServer({ ocrMaxPixels: 500_000 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a language that is not installed with BAD_USER_INPUT listing the available ones; nothing stored", async () => {
    const res = await upload(server.url, ["eng", "klingon"]);
    expect(res.data?.createJob ?? null).toBeNull();
    const ext = res.errors?.[0]?.extensions as { code: string; unknown: string[]; available: string[] };
    expect(ext.code).toBe("BAD_USER_INPUT");
    expect(ext.unknown).toEqual(["klingon"]);
    expect(ext.available).not.toContain("klingon");
    if (hasTools) expect(ext.available).toContain("eng");
    expect(res.errors![0]!.message).toMatch(/klingon/);
    expect(await server.services.db.job.count()).toBe(0);
    expect(filesUnder(server.config.storageDir).filter((f) => f.endsWith(".step") || f.endsWith(".pdf"))).toEqual([]);
  });

  it.skipIf(!hasTools)(
    "stores them normalised (de → deu) and PDF_BOM's OCR reads with them",
    async () => {
      const res = await upload(server.url, ["de"]);
      expect(res.errors).toBeUndefined();
      const { id, ocrLanguages } = res.data!.createJob;
      expect(ocrLanguages).toEqual(["deu"]);
      const events = await followJob(server.wsUrl, id, { timeoutMs: 60_000 });
      // Without the argument the blank page would be read as English (the guess's default).
      expect(events.filter((e) => e.stage === "PDF_BOM" && /^OCR page 1\/1/.test(e.message)).map((e) => e.message)).toEqual(["OCR page 1/1 (deu)"]);
      expect(events.at(-1)!.kind).toBe("JOB_FAILED");
      const { data } = await gql(
        server.url,
        `query ($id: ID!) { job(id: $id) { ocrLanguages failureCode errorCode stages { stage failureCode } } }`,
        { id },
      );
      expect(data.job.stages.find((s: { stage: string }) => s.stage === "PDF_BOM").failureCode).toBe("NO_TEXT_LAYER");
      expect(data.job.stages.filter((s: { failureCode: string | null }) => s.failureCode).length).toBe(1);
      delete data.job.stages;
      expect(data.job).toEqual({ ocrLanguages: ["deu"], failureCode: "NO_TEXT_LAYER", errorCode: "NO_TEXT_LAYER" });
    },
    90_000,
  );
});
