// The error catalogue: served as enums (Query.errorCodes, Job.failureCode), a stored code the
// catalogue no longer lists reads UNKNOWN instead of failing the query, and the README's tables
// are the catalogue's.
import { ApolloServerErrorCode } from "@apollo/server/errors";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ERROR_CODES } from "../../src/errors/api-error-codes.js";
import { JOB_FAILURE_CODES } from "../../src/errors/job-failure-codes.js";
import { apiErrorTable, jobFailureTable } from "../../src/errors/readme-tables.js";
import { gql } from "../support/graphql-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

describe("error catalogue over GraphQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists every code with a description", async () => {
    const { data, errors } = await gql(server.url, `{ errorCodes { jobFailureCodes { code description } apiErrorCodes { code description } } }`);
    expect(errors).toBeUndefined();
    expect(data.errorCodes.jobFailureCodes.map((c: { code: string }) => c.code)).toEqual([...JOB_FAILURE_CODES, "UNKNOWN"]);
    expect(data.errorCodes.apiErrorCodes.map((c: { code: string }) => c.code)).toEqual(API_ERROR_CODES);
    for (const c of [...data.errorCodes.jobFailureCodes, ...data.errorCodes.apiErrorCodes]) expect(c.description.length).toBeGreaterThan(10);
  });

  it("maps stored codes to the enum: known as is, unlisted (older rows) to UNKNOWN, none to null", async () => {
    const db = server.services.db;
    const rows = [
      { id: "err-known", status: "FAILED", errorCode: "PDF_INVALID", errorMessage: "not a PDF" },
      { id: "err-retired", status: "FAILED", errorCode: "SOME_RETIRED_CODE", errorMessage: "from an older version" },
      { id: "err-none", status: "SUCCEEDED" },
    ];
    for (const data of rows) await db.job.create({ data });
    const q = `query ($id: ID!) { job(id: $id) { errorCode failureCode } }`;
    const got = await Promise.all(rows.map((r) => gql(server.url, q, { id: r.id })));
    for (const g of got) expect(g.errors).toBeUndefined();
    expect(got.map((g) => g.data.job)).toEqual([
      { errorCode: "PDF_INVALID", failureCode: "PDF_INVALID" },
      { errorCode: "SOME_RETIRED_CODE", failureCode: "UNKNOWN" },
      { errorCode: null, failureCode: null },
    ]);
    // Stage runs too: a FAILED stage with an unlisted code reads UNKNOWN; a PENDING one has none.
    await db.stageRun.create({ data: { jobId: "err-retired", stage: "PDF_BOM", status: "FAILED", errorCode: "SOME_RETIRED_CODE" } });
    await db.stageRun.create({ data: { jobId: "err-known", stage: "PDF_BOM", status: "PENDING", errorCode: "PDF_INVALID" } });
    const stagesQ = `query ($id: ID!) { job(id: $id) { stages { stage failureCode } } }`;
    const [retired, pending] = await Promise.all(["err-retired", "err-known"].map((id) => gql(server.url, stagesQ, { id })));
    expect(retired.data.job.stages[0]).toEqual({ stage: "PDF_BOM", failureCode: "UNKNOWN" });
    expect(pending.data.job.stages[0]).toEqual({ stage: "PDF_BOM", failureCode: null });
    // A list of jobs with an unlisted code among them still answers.
    const list = await gql(server.url, `{ jobs(first: 10) { edges { node { id failureCode } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data.jobs.edges.length).toBe(3);
  });
});

describe("API error catalogue", () => {
  it("holds every code Apollo Server itself answers with (persisted queries are on: NOT_SUPPORTED cannot happen)", () => {
    const apollo = Object.values(ApolloServerErrorCode).filter((c) => c !== ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED);
    expect(apollo.filter((c) => !(API_ERROR_CODES as string[]).includes(c))).toEqual([]);
  });
});

describe("README error tables", () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
  it("hold exactly the catalogue's job failure codes (copy from server/src/errors/readme-tables.ts on a change)", () => {
    expect(readme).toContain(`Job failure codes (\`ErrorCode\`):\n\n${jobFailureTable()}\n`);
  });
  it("hold exactly the catalogue's API error codes", () => {
    expect(readme).toContain(`GraphQL error codes (\`extensions.code\`, enum \`ApiErrorCode\`):\n\n${apiErrorTable()}\n`);
  });
});
