// Errors show no internals: stack traces only with DEBUG_ERRORS (whatever NODE_ENV says), no
// server paths in messages, and parser exceptions end in typed codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyCrash } from "../../src/pool/crash-codes.js";
import { clientMessage, scrubPaths } from "../../src/security/scrub.js";
import { StepSyntaxError } from "../../src/stages/step-extract/step-cursor.js";
import { gql } from "../support/graphql-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

/** Starts a server as `npm start` would run it: NODE_ENV unset (Apollo then defaults to stack traces). */
async function startWithoutNodeEnv(debugErrors: boolean): Promise<TestServer> {
  const saved = process.env.NODE_ENV;
  delete process.env.NODE_ENV;
  try {
    return await startTestServer({ debugErrors });
  } finally {
    process.env.NODE_ENV = saved;
  }
}

describe("stack traces", () => {
  let plain: TestServer;
  let debug: TestServer;
  beforeAll(async () => {
    [plain, debug] = await Promise.all([startWithoutNodeEnv(false), startWithoutNodeEnv(true)]);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), debug?.stop()]);
  });

  it("has no stacktrace without DEBUG_ERRORS, even with NODE_ENV unset", async () => {
    for (const q of ["{ nope }", `{ job(id: "missing") { id } }`, "{ "]) {
      const res = await gql(plain.url, q);
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|\bat \w+ \(|node_modules/);
    }
  });

  it("adds stack traces with DEBUG_ERRORS=1", async () => {
    const res = await gql(debug.url, "{ nope }");
    expect(res.errors?.[0]?.extensions?.stacktrace).toBeInstanceOf(Array);
  });
});

describe("messages for clients", () => {
  it("names files by base name, never by server path, on one line", () => {
    expect(scrubPaths("Cannot read PDF file /srv/data/storage/jobs/abc/drawing.pdf: ENOENT")).toBe("Cannot read PDF file drawing.pdf: ENOENT");
    expect(scrubPaths("ENAMETOOLONG: name too long, open '/tmp/x/incoming/日本語.part'")).toBe("ENAMETOOLONG: name too long, open '日本語.part'");
    expect(scrubPaths("see http://127.0.0.1:4000/artifacts/j/manual.pdf")).toBe("see http://127.0.0.1:4000/artifacts/j/manual.pdf");
    expect(scrubPaths("C:\\Users\\me\\data\\a.step is bad")).toBe("a.step is bad");
    expect(clientMessage("boom\n    at f (/work/server/src/x.ts:1:2)")).toBe("boom");
  });

  it("maps parser exceptions to codes", () => {
    const overflow = (() => {
      try {
        const f = (): number => f() + 1;
        return f();
      } catch (e) {
        return e;
      }
    })();
    expect(classifyCrash("STEP_EXTRACT", overflow)?.code).toBe("STEP_TOO_COMPLEX");
    expect(classifyCrash("PDF_BOM", overflow)?.code).toBe("PDF_TOO_COMPLEX");
    expect(
      classifyCrash("PDF_DEEP", Object.assign(new RangeError("Cannot create a Buffer larger than 4 GiB"), { code: "ERR_BUFFER_TOO_LARGE" }))?.code,
    ).toBe("PDF_TOO_COMPLEX");
    expect(classifyCrash("STEP_EXTRACT", new StepSyntaxError("expected ')'", 3, false))?.code).toBe("STEP_INVALID");
    expect(classifyCrash("PDF_BOM", Object.assign(new Error("Invalid PDF structure."), { name: "InvalidPDFException" }))?.code).toBe("PDF_INVALID");
    expect(classifyCrash("GENERATE", new TypeError("x is undefined"))).toBeNull(); // a bug: STAGE_CRASHED
  });
});

describe("artifact links", () => {
  it("expire after ARTIFACT_LINK_TTL_S and are bound to job and name", async () => {
    const { createApiKeys } = await import("../../src/auth/api-keys.js");
    const keys = createApiKeys(["k"], 60);
    const token = keys.artifactToken("job1", "manual.pdf");
    expect(keys.checkArtifactToken("job1", "manual.pdf", token)).toBe(true);
    expect(keys.checkArtifactToken("job2", "manual.pdf", token)).toBe(false);
    const expired = createApiKeys(["k"], -1).artifactToken("job1", "manual.pdf");
    expect(keys.checkArtifactToken("job1", "manual.pdf", expired)).toBe(false);
    const [exp, mac] = token.split(".");
    expect(keys.checkArtifactToken("job1", "manual.pdf", `${Number(exp) + 10_000}.${mac}`)).toBe(false); // expiry is signed
  });
});
