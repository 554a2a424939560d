// For list views: jobCounts, the jobsChanged feed (no polling) and deleteJob.
import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { ownedBy, requireJob } from "../../auth/job-access.js";
import type { JobsChangedNotice } from "../../events/pubsub.js";
import { stoppable, whenAborted } from "../../events/stoppable.js";
import { deleteJob } from "../../jobs/delete-job.js";
import type { AppContext } from "../context.js";
import { toJob } from "../mappers.js";
import { JobStatus } from "../types/enums.js";
import { JobChange, JobCounts } from "../types/job-change.type.js";
import { jobsWhere } from "./job-filters.js";

/** Jobs a subscriber remembers the last status of; beyond this the oldest are forgotten. */
const MAX_REMEMBERED = 10_000;

@Resolver()
export class JobListResolver {
  @Query(() => JobCounts, { description: "Counts of the caller's jobs per status; `search` as in `jobs`." })
  async jobCounts(@Ctx() ctx: AppContext, @Arg("search", () => String, { nullable: true }) search?: string): Promise<JobCounts> {
    const groups = await ctx.db.job.groupBy({ by: ["status"], where: jobsWhere(ctx, { search }), _count: { _all: true } });
    const n = (s: JobStatus) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const counts = { queued: n(JobStatus.QUEUED), running: n(JobStatus.RUNNING), succeeded: n(JobStatus.SUCCEEDED), failed: n(JobStatus.FAILED), cancelled: n(JobStatus.CANCELLED) };
    return { all: Object.values(counts).reduce((a, b) => a + b, 0), ...counts };
  }

  @Mutation(() => ID, {
    description:
      "Delete a job that is not running, with its events, stage results, input files and artifacts; returns its id. " +
      "Errors: NOT_FOUND, JOB_STATE_CONFLICT (RUNNING: cancel it first).",
  })
  async deleteJob(@Arg("id", () => ID) id: string, @Ctx() ctx: AppContext): Promise<string> {
    await requireJob(ctx.db, ctx.caller, id);
    if (!(await deleteJob(ctx, id))) await requireJob(ctx.db, ctx.caller, id); // gone meanwhile: NOT_FOUND
    return id;
  }

  @Subscription(() => JobChange, {
    description:
      "Status changes of the caller's jobs (created, started, finished, requeued, retried) and deletions, live. " +
      "Never completes; after a reconnect, re-read `jobs` and `jobCounts` once, then follow this again.",
    subscribe: ({ context }) => {
      const ctx = context as AppContext;
      return stoppable((stop) => jobChanges(ctx, stop));
    },
  })
  jobsChanged(@Root() change: JobChange): JobChange {
    return change;
  }
}

/**
 * The listener is attached at once (not when the first value is asked for), so a change made
 * right after the subscription started is not missed.
 */
function jobChanges(ctx: AppContext, stop: AbortSignal): AsyncGenerator<JobChange> {
  const notices: JobsChangedNotice[] = [];
  let wake: (() => void) | null = null;
  const detach = ctx.bus.subscribeAll("jobs:changed", (notice) => {
    notices.push(notice);
    wake?.();
  });
  stop.addEventListener("abort", detach, { once: true }); // also when the generator never started
  const stopped = whenAborted(stop);
  const seen = new Map<string, string>(); // jobId → last status sent
  const owner = ownedBy(ctx.caller);
  return (async function* () {
    try {
      for (;;) {
        const notice = notices.shift();
        if (!notice) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stopped]);
          wake = null;
          if (stop.aborted) return;
          continue;
        }
        if (notice.deleted) {
          if (owner.ownerKey !== undefined && notice.deleted.ownerKey !== owner.ownerKey) continue;
          seen.delete(notice.jobId);
          yield { jobId: notice.jobId, status: null, deleted: true, job: null };
          continue;
        }
        const row = await ctx.db.job.findFirst({ where: { id: notice.jobId, ...owner } });
        if (!row || seen.get(row.id) === row.status) continue;
        seen.delete(row.id);
        seen.set(row.id, row.status);
        if (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value!);
        yield { jobId: row.id, status: row.status as JobStatus, deleted: false, job: toJob(row) };
      }
    } finally {
      detach();
    }
  })();
}
