// Which jobs a caller may see: all of them when keys are off, else only its own. Another
// key's job answers NOT_FOUND, exactly like a job that does not exist, so ids leak nothing.
import type { Db } from "../db/prisma.js";
import { notFound } from "../graphql/errors.js";
import type { Caller } from "./api-keys.js";

export function ownedBy(caller: Caller): { ownerKey?: string } {
  return caller.keyHash === null ? {} : { ownerKey: caller.keyHash };
}

/** The job row if the caller may see it; throws NOT_FOUND otherwise. */
export async function requireJob(db: Db, caller: Caller, jobId: string) {
  const job = await db.job.findFirst({ where: { id: jobId, ...ownedBy(caller) } });
  if (!job) throw notFound("Job", jobId);
  return job;
}
