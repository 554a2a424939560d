// Settings: the README's table is the one generated from config.ts (every variable, the same
// defaults, nothing config lacks); a bad variable fails the start by name, unless an explicit
// option replaces it, and then the server starts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, settingDocs } from "../../src/config.js";
import { TABLE_BEGIN, TABLE_END, withSettingsTable } from "../../src/ops/settings-table.js";
import { startServer } from "../../src/server.js";
import { gql } from "../support/graphql-client.js";

const README = path.resolve(import.meta.dirname, "../../../README.md");

describe("settings", () => {
  it("the README's settings table is generated from config.ts (npm run docs:settings)", () => {
    const readme = fs.readFileSync(README, "utf8");
    const table = readme.slice(readme.indexOf(TABLE_BEGIN), readme.indexOf(TABLE_END));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(settingDocs().map((s) => s.name));
    expect(withSettingsTable(readme), "README out of date: npm run docs:settings").toBe(readme);
  });

  it("a bad variable fails by name; an explicit option means it is not read", () => {
    expect(() => loadConfig({}, { PORT: "eighty" })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({}, { LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({}, { STEP_DEFLECTION_TYPE: "fine" })).toThrow(/STEP_DEFLECTION_TYPE/);
    const c = loadConfig({ port: 81, logLevel: "warn" }, { PORT: "eighty", LOG_LEVEL: "loud", POOL_SIZE: "3" });
    expect(c.port).toBe(81);
    expect(c.logLevel).toBe("warn");
    expect(c.maxConcurrentJobs).toBe(3); // defaults that follow another setting see it
    expect(loadConfig({ poolSize: 5 }, {}).maxConcurrentJobs).toBe(5);
    expect(loadConfig({}, { STEP_ZIP_MAX_UNPACKED_MB: "2" }).zipLimits.maxUnpackedBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({}, {}).meshQuality).toBeNull();
  });

  it("startServer with explicit options starts although their variables are garbage", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-settings-"));
    const garbage = { PORT: "eighty", POOL_SIZE: "-1", MAX_CONCURRENT_JOBS: "many", LOG_LEVEL: "loud", STAGING_STALE_MS: "soon" };
    const server = await startServer(
      {
        host: "127.0.0.1",
        port: 0,
        databaseUrl: `file:${path.join(dir, "s.db")}`,
        storageDir: path.join(dir, "storage"),
        poolSize: 1,
        maxConcurrentJobs: 1,
        logLevel: "silent",
        stagingStaleMs: 60_000,
      },
      { env: { ...process.env, ...garbage } },
    );
    try {
      const res = await gql(server.url, `{ jobs { totalCount } }`);
      expect(res.data.jobs.totalCount).toBe(0);
      expect(server.config.poolSize).toBe(1);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
