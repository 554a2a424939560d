// Query limits on HTTP and graphql-ws alike: alias bombs, costly and over-long documents are
// refused at validation (fast, /healthz keeps answering); introspection and "Did you mean"
// suggestions are off in production on both transports; the SDK's own operations pass.
import fs from "node:fs";
import path from "node:path";
import { NoUnusedFragmentsRule, parse, specifiedRules, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { queryRules } from "../../src/graphql/query-limits.js";
import { buildAppSchema } from "../../src/graphql/schema.js";
import { subscribe } from "../support/subscriptions.js";
import { gql, wsClient } from "../support/graphql-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const JOB_FIELDS = "id status bom { item quantity name } parts { name } matches { partName } stages { stage status }";
const aliasBomb = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: job(id: "x") { ${JOB_FIELDS} }`).join(" ")} }`;

/** One operation over graphql-ws: the errors it ends with (or [] when it succeeded). */
async function wsErrors(url: string, query: string): Promise<Array<{ message: string; extensions?: Record<string, unknown> }>> {
  const client = wsClient(url);
  try {
    return await subscribe(client, query)
      .done(30_000)
      .then(
        () => [],
        (err: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => {
          if (err.errors) return err.errors;
          throw err;
        },
      );
  } finally {
    await client.dispose();
  }
}

describe("query limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses an alias bomb on HTTP and WebSocket while /healthz answers", async () => {
    const bomb = aliasBomb(1000);
    const health = fetch(new URL("/healthz", server.url)).then((r) => r.status);
    const http = await gql(server.url, bomb);
    expect(http.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    expect(http.errors!.map((e) => e.message).join()).toMatch(/aliases|Cost|tokens/i);
    expect(await health).toBe(200);
    const ws = await wsErrors(server.wsUrl, bomb);
    expect(ws.map((e) => e.message).join()).toMatch(/aliases|Cost|tokens/i);
  });

  it("refuses documents over MAX_QUERY_TOKENS before parsing them fully", async () => {
    const long = `{ ${"__typename ".repeat(5000)} }`;
    const http = await gql(server.url, long);
    expect(http.errors?.[0]?.message).toMatch(/tokens/i);
    const ws = await wsErrors(server.wsUrl, long);
    expect(ws[0]?.message).toMatch(/tokens/i);
    // One catalogue code for a parse failure on both transports.
    expect([http.errors?.[0]?.extensions?.code, ws[0]?.extensions?.code]).toEqual(["GRAPHQL_PARSE_FAILED", "GRAPHQL_PARSE_FAILED"]);
  });

  it("counts aliases and cost the same way over WebSocket", async () => {
    const justOver = aliasBomb(server.config.maxQueryAliases + 1);
    expect((await gql(server.url, justOver)).errors?.[0]?.message).toMatch(/aliases/i);
    expect((await wsErrors(server.wsUrl, justOver))[0]?.message).toMatch(/aliases/i);
  });

  it("lets the largest page the API serves through the default cost limit (a literal first: 1000)", async () => {
    const q = `query { events(jobId: "none", first: 1000) { seq kind stage progress message level data createdAt parallel { stage percent } } }`;
    const res = await gql(server.url, q);
    expect(res.errors?.map((e) => e.message) ?? []).not.toContainEqual(expect.stringMatching(/Cost/i));
  });

  it("lets every SDK and web operation through the default limits", async () => {
    const schema = await buildAppSchema();
    const rules = queryRules(loadConfig({ introspection: true }));
    const sdk = fs.readFileSync(path.resolve(import.meta.dirname, "../../../client/src/sdk/operations.graphql"), "utf8");
    const doc = parse(sdk, { maxTokens: server.config.maxQueryTokens });
    for (const def of doc.definitions.filter((d) => d.kind === "OperationDefinition")) {
      const one = { kind: doc.kind, definitions: doc.definitions.filter((d) => d === def || d.kind === "FragmentDefinition") };
      const errors = validate(schema, one, [...specifiedRules.filter((r) => r !== NoUnusedFragmentsRule), ...rules]);
      expect(
        errors.map((e) => e.message),
        (def as { name?: { value: string } }).name?.value,
      ).toEqual([]);
    }
  });
});

describe("production mode", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ production: true, introspection: false, sandbox: false });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves no introspection on either transport", async () => {
    const q = "{ __schema { types { name } } }";
    expect((await gql(server.url, q)).errors?.[0]?.message).toMatch(/introspection/i);
    const ws = await wsErrors(server.wsUrl, q);
    expect(ws[0]?.message).toMatch(/introspection/i);
  });

  it("gives no field suggestions on either transport", async () => {
    const q = "{ jbs { id } }";
    const http = await gql(server.url, q);
    expect(http.errors?.[0]?.message).toMatch(/Cannot query field/);
    expect(JSON.stringify(http)).not.toMatch(/Did you mean/);
    const ws = await wsErrors(server.wsUrl, q);
    expect(ws[0]?.message).toMatch(/Cannot query field/);
    expect(JSON.stringify(ws)).not.toMatch(/Did you mean/);
  });
});
