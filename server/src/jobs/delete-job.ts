// deleteJob and the retention sweep share this: a job that is not RUNNING goes with its
// events, stage rows, inputs, artifacts and files. The delete is conditional on the status in
// the same transaction, so a job claimed meanwhile is refused, never deleted under its worker.
import fs from "node:fs";
import { apiError } from "../graphql/errors.js";
import type { Db } from "../db/prisma.js";
import type { JobBus } from "../events/pubsub.js";
import { jobDir } from "./job-paths.js";

export interface DeleteDeps {
  db: Db;
  bus: JobBus;
  storageDir: string;
}

class StillRunning extends Error {}

/** True when deleted; false when there was no such job; throws JOB_STATE_CONFLICT while it runs. */
export async function deleteJob(deps: DeleteDeps, jobId: string): Promise<boolean> {
  let ownerKey: string | null = null;
  try {
    const found = await deps.db.$transaction(async (tx) => {
      const job = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, ownerKey: true } });
      if (!job) return false;
      if (job.status === "RUNNING") throw new StillRunning();
      ownerKey = job.ownerKey;
      // Children first and explicitly: SQLite enforces ON DELETE CASCADE only with foreign_keys on.
      await tx.jobEvent.deleteMany({ where: { jobId } });
      await tx.stageRun.deleteMany({ where: { jobId } });
      await tx.artifact.deleteMany({ where: { jobId } });
      await tx.inputFile.deleteMany({ where: { jobId } });
      const { count } = await tx.job.deleteMany({ where: { id: jobId, status: { not: "RUNNING" } } });
      if (count !== 1) throw new StillRunning(); // claimed between the read and the delete: roll back
      return true;
    });
    if (!found) return false;
  } catch (err) {
    if (err instanceof StillRunning) {
      throw apiError("JOB_STATE_CONFLICT", `Job ${jobId} is RUNNING; cancel it first, then delete it`, { status: "RUNNING" });
    }
    throw err;
  }
  await fs.promises.rm(jobDir(deps.storageDir, jobId), { recursive: true, force: true });
  deps.bus.publish("jobs:changed", { jobId, deleted: { ownerKey } });
  return true;
}
