// Raising warnings on a real SQLite database through the real EventLog: each new warning is one
// WARN event with the job row updated in the same write; raising again (a resumed job) adds
// nothing; a rerun stage that no longer finds a doubt drops it and needsReview follows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/prisma.js";
import { applyMigrations } from "../../src/db/schema-engine.js";
import { EventLog } from "../../src/events/event-log.js";
import { createJobBus } from "../../src/events/pubsub.js";
import { raiseWarnings } from "../../src/jobs/quality/raise-warnings.js";
import type { JobWarning } from "../../src/jobs/quality/warning-types.js";

const w = (code: JobWarning["code"], stage: JobWarning["stage"], severity: JobWarning["severity"] = "REVIEW"): JobWarning => ({
  code,
  severity,
  stage,
  message: `${code} happened`,
  data: null,
});

describe("raiseWarnings", () => {
  let dir: string;
  let db: Db;
  let events: EventLog;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-warnings-"));
    const url = `file:${path.join(dir, "test.db")}`;
    await applyMigrations(url);
    db = createDb(url);
    events = new EventLog(db, createJobBus());
  });
  afterAll(async () => {
    await db?.$disconnect();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const logged = async (jobId: string) =>
    (await db.jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((e) => [
      e.seq,
      e.kind,
      e.stage,
      e.level,
      JSON.parse(e.data!).code,
    ]);
  const row = (jobId: string) => db.job.findUniqueOrThrow({ where: { id: jobId }, select: { needsReview: true } });

  it("stores each new warning with one WARN event, once", async () => {
    await db.job.create({ data: { id: "job-1" } });
    const bom = [w("DUPLICATE_PAGES", "PDF_BOM", "INFO")];
    expect(await raiseWarnings(db, events, "job-1", "PDF_BOM", bom)).toEqual(bom);
    expect((await row("job-1")).needsReview).toBe(false);
    const matching = [w("DOCUMENTS_DISAGREE", "MATCHING"), w("QUANTITY_MISMATCH", "MATCHING")];
    expect(await raiseWarnings(db, events, "job-1", "MATCHING", matching)).toEqual([...bom, ...matching]);
    expect((await row("job-1")).needsReview).toBe(true);
    // A resumed job raises the same again: nothing new stored or logged.
    await raiseWarnings(db, events, "job-1", "PDF_BOM", bom);
    expect(await raiseWarnings(db, events, "job-1", "MATCHING", matching)).toEqual([...bom, ...matching]);
    expect(await logged("job-1")).toEqual([
      [1, "LOG", "PDF_BOM", "WARN", "DUPLICATE_PAGES"],
      [2, "LOG", "MATCHING", "WARN", "DOCUMENTS_DISAGREE"],
      [3, "LOG", "MATCHING", "WARN", "QUANTITY_MISMATCH"],
    ]);
  });

  it("a rerun stage that no longer raises a warning drops it; the other stages' stay", async () => {
    await db.job.create({ data: { id: "job-2" } });
    await raiseWarnings(db, events, "job-2", "PDF_BOM", [w("NON_NUMERIC_QUANTITY", "PDF_BOM", "INFO")]);
    await raiseWarnings(db, events, "job-2", "MATCHING", [w("LOW_MATCH_RATE", "MATCHING")]);
    expect((await row("job-2")).needsReview).toBe(true);
    // Retried from MATCHING with a better result: LOW_MATCH_RATE goes, needsReview with it.
    expect((await raiseWarnings(db, events, "job-2", "MATCHING", [])).map((x) => x.code)).toEqual(["NON_NUMERIC_QUANTITY"]);
    expect((await row("job-2")).needsReview).toBe(false);
    // …or a different doubt: the old one is replaced in the same write as the new one's event.
    await raiseWarnings(db, events, "job-2", "MATCHING", [w("LOW_MATCH_RATE", "MATCHING")]);
    expect((await raiseWarnings(db, events, "job-2", "MATCHING", [w("QUANTITY_MISMATCH", "MATCHING")])).map((x) => x.code)).toEqual([
      "NON_NUMERIC_QUANTITY",
      "QUANTITY_MISMATCH",
    ]);
  });
});
