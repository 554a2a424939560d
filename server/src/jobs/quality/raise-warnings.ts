// Records a stage's warnings on the job: each new one is a LOG event (level WARN, data.warning)
// written in the same transaction as the job row's warnings/needsReview, through the EventLog.
// Idempotent: a warning already stored (same stage and code) is not raised again, so a resumed
// or retried job does not repeat itself; a stage rerun that no longer finds a doubt drops it.
import type { Db } from "../../db/prisma.js";
import type { EventLog } from "../../events/event-log.js";
import type { StageName } from "../../stages/types.js";
import { needsReview, warningKey, type JobWarning } from "./warning-types.js";

export function parseWarnings(json: string | null | undefined): JobWarning[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/** Returns every warning of the job once this stage's are stored. */
export async function raiseWarnings(db: Db, events: EventLog, jobId: string, stage: StageName, current: JobWarning[]): Promise<JobWarning[]> {
  const keep = new Set(current.map(warningKey));
  // Drops this stage's warnings that its latest result no longer raises, adds `w` (if given).
  const update = (stored: JobWarning[], w?: JobWarning) => {
    const next = stored.filter((s) => s.stage !== stage || keep.has(warningKey(s)));
    if (w) next.push(w);
    return { warnings: JSON.stringify(next), needsReview: needsReview(next) };
  };
  const row = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { warnings: true } });
  const stored = parseWarnings(row.warnings);
  const have = new Set(stored.map(warningKey));
  const fresh = current.filter((w) => !have.has(warningKey(w)));
  if (!fresh.length) {
    if (stored.some((s) => s.stage === stage && !keep.has(warningKey(s)))) await db.job.update({ where: { id: jobId }, data: update(stored) });
  } else {
    await Promise.all(
      fresh.map((w) =>
        events.append(
          jobId,
          { kind: "LOG", stage, level: "WARN", message: w.message, data: { code: w.code, severity: w.severity, warning: w } },
          async (tx) => {
            const now = parseWarnings((await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { warnings: true } })).warnings);
            if (now.some((s) => warningKey(s) === warningKey(w))) return false;
            await tx.job.update({ where: { id: jobId }, data: update(now, w) });
          },
        ),
      ),
    );
  }
  return parseWarnings((await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { warnings: true } })).warnings);
}
