// schema.graphql is checked in for clients; it must match what the server serves.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { printAppSchema } from "../../src/graphql/print-schema.js";

describe("schema.graphql", () => {
  it("is in step with the type-graphql schema (run `npm run schema:print` after changing types)", async () => {
    const file = path.resolve(import.meta.dirname, "../../../schema.graphql");
    expect(fs.readFileSync(file, "utf8")).toBe(await printAppSchema());
  });
});
