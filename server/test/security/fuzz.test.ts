// A short fixed-seed fuzz run of the PDF and STEP stages on the real pool (npm run fuzz runs
// longer ones), and a replay of every saved finding: each must now end with a result or a
// typed code, within its time budget, the pool alive.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createStagePool, type StagePool } from "../../src/pool/pool.js";
import { fuzz, REGRESSIONS_DIR, runOne } from "../support/fuzz.js";

describe("fuzzing", () => {
  it("an 8-second fixed-seed run finds nothing untyped", async () => {
    // Generated seeds only (small, always there). A stage timeout here says more about a loaded
    // CI machine than about the parser: reported, while crashes fail the test. npm run fuzz
    // counts timeouts as findings.
    const report = await fuzz({ seed: 21, budgetMs: 8_000, perInputMs: 15_000, save: false, sharedSeeds: false });
    expect(report.runs).toBeGreaterThan(0);
    const slow = report.findings.filter((f) => f.code === "STAGE_TIMEOUT");
    if (slow.length)
      console.warn(
        `[fuzz] ${slow.length} mutant(s) hit the 15 s budget:`,
        slow.map((f) => f.message),
      );
    const crashes = report.findings.filter((f) => f.code !== "STAGE_TIMEOUT");
    expect(crashes, JSON.stringify(crashes, null, 1)).toEqual([]);
  });

  describe("saved findings", () => {
    const files = fs.existsSync(REGRESSIONS_DIR) ? fs.readdirSync(REGRESSIONS_DIR).filter((f) => /\.(pdf|step)$/.test(f)) : [];
    let pool: StagePool;
    let dir: string;
    beforeAll(() => {
      pool = createStagePool({ size: 1, maxMemoryMb: loadConfig({}).workerMaxMemoryMb, workerBuild: loadConfig({}).workerBuild });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-fuzz-replay-"));
    });
    afterAll(async () => {
      await pool?.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    it.each(files.length ? files : ["(none saved)"])("%s ends with a result or a typed code", async (name) => {
      if (!files.length) return;
      const r = await runOne(pool, name.endsWith(".pdf") ? "pdf" : "step", fs.readFileSync(path.join(REGRESSIONS_DIR, name)), dir, 30_000);
      expect(r.ok, `${r.code}: ${r.message}`).toBe(true);
    });
  });
});
