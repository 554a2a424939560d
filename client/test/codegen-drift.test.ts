// The checked-in typed documents must be what codegen makes from today's schema.graphql and
// operations; when the schema changes, this fails until `npm run codegen` is run.
import fs from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config, { GENERATED } from "../codegen.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("generated GraphQL types", () => {
  it("match schema.graphql and client/src/sdk/operations.graphql (run `npm run codegen` if not)", async () => {
    const cwd = process.cwd();
    process.chdir(ROOT); // codegen resolves the config's paths from the working directory
    try {
      const files = (await generate({ ...config, cwd: ROOT }, false)) as Array<{ filename: string; content: string }>;
      const fresh = files.find((f) => path.resolve(ROOT, f.filename) === path.resolve(ROOT, GENERATED));
      expect(fresh, "codegen produced the SDK file").toBeDefined();
      const checkedIn = fs.readFileSync(path.join(ROOT, GENERATED), "utf8");
      expect(checkedIn === fresh!.content, `${GENERATED} is stale: run \`npm run codegen\``).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
