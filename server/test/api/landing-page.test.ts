// Apollo Sandbox at GET /graphql and introspection follow configuration (SANDBOX, INTROSPECTION).
import { describe, expect, it } from "vitest";
import { gql } from "../support/graphql-client.js";
import { startTestServer } from "../support/test-server.js";

async function landing(url: string) {
  const res = await fetch(url, { headers: { accept: "text/html" } });
  return { status: res.status, body: await res.text() };
}

describe("landing page and introspection", () => {
  it("serves Sandbox and introspection by default outside production", async () => {
    const server = await startTestServer();
    try {
      const page = await landing(server.url);
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/sandbox/i);
      expect((await gql(server.url, `{ __schema { queryType { name } } }`)).data.__schema.queryType.name).toBe("Query");
    } finally {
      await server.stop();
    }
  });

  it("turns both off in production", async () => {
    const server = await startTestServer({ production: true, sandbox: false, introspection: false });
    try {
      const page = await landing(server.url);
      expect(page.body).not.toMatch(/sandbox/i);
      expect((await gql(server.url, `{ __schema { queryType { name } } }`)).errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await server.stop();
    }
  });
});
