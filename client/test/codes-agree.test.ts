// The SDK's code lists are the server's catalogue: the same codes in the same order (the SDK's
// arrays are also checked against the generated enum types at compile time), and what a live
// server answers to errorCodes() is what the SDK lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ERROR_CODES as SERVER_API_CODES } from "../../server/src/errors/api-error-codes.js";
import { JOB_FAILURE_CODES as SERVER_FAILURE_CODES } from "../../server/src/errors/job-failure-codes.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import {
  API_ERROR_CODES,
  createManualForgeClient,
  ERROR_CODES,
  failureCodeText,
  JOB_FAILURE_CODES,
  SDK_ERROR_CODES,
  type ManualForgeClient,
} from "../src/sdk/index.js";

describe("SDK codes and the server's catalogue", () => {
  it("list the same job failure codes (the SDK adds UNKNOWN, the enum's value for an unlisted stored code)", () => {
    expect([...JOB_FAILURE_CODES]).toEqual([...SERVER_FAILURE_CODES, "UNKNOWN"]);
  });

  it("list the same API error codes; ERROR_CODES adds only the SDK's own", () => {
    expect([...API_ERROR_CODES]).toEqual(SERVER_API_CODES);
    expect([...ERROR_CODES]).toEqual([...SERVER_API_CODES, ...SDK_ERROR_CODES]);
    expect(SDK_ERROR_CODES.filter((c) => (SERVER_API_CODES as string[]).includes(c))).toEqual([]);
  });

  it("show UNKNOWN with the code as stored", () => {
    expect(failureCodeText({ failureCode: "PDF_INVALID", errorCode: "PDF_INVALID" })).toBe("PDF_INVALID");
    expect(failureCodeText({ failureCode: "UNKNOWN", errorCode: "OLD_CODE" })).toBe("UNKNOWN (OLD_CODE)");
    expect(failureCodeText({ failureCode: null, errorCode: null })).toBeNull();
  });
});

describe("errorCodes() against a live server", () => {
  let server: TestServer;
  let mf: ManualForgeClient;
  beforeAll(async () => {
    server = await startTestServer();
    mf = createManualForgeClient({ url: server.url });
  });
  afterAll(async () => {
    await mf?.close();
    await server?.stop();
  });

  it("answers the SDK's lists, each code described", async () => {
    const cat = await mf.errorCodes();
    expect(cat.jobFailureCodes.map((c) => c.code)).toEqual([...JOB_FAILURE_CODES]);
    expect(cat.apiErrorCodes.map((c) => c.code)).toEqual([...API_ERROR_CODES]);
    expect(cat.jobFailureCodes.every((c) => c.description.length > 0)).toBe(true);
  });
});
