// For list views: jobCounts, the jobsChanged feed (no polling; read in events/job-changes.ts)
// and deleteJob.
import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { ownedBy, requireJob } from "../../auth/job-access.js";
import { streamJobChanges, type JobChangeOf } from "../../events/job-changes.js";
import { deleteJob } from "../../jobs/delete-job.js";
import type { AppContext } from "../context.js";
import { toJob } from "../mappers.js";
import { JobStatus } from "../types/enums.js";
import { JobChange, JobCounts } from "../types/job-change.type.js";
import { jobsWhere } from "./job-filters.js";

type JobRow = Parameters<typeof toJob>[0];

@Resolver()
export class JobListResolver {
  @Query(() => JobCounts, { description: "Counts of the caller's jobs per status; `search` as in `jobs`." })
  async jobCounts(@Ctx() ctx: AppContext, @Arg("search", () => String, { nullable: true }) search?: string): Promise<JobCounts> {
    const groups = await ctx.db.job.groupBy({ by: ["status"], where: jobsWhere(ctx, { search }), _count: { _all: true } });
    const n = (s: JobStatus) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const counts = {
      queued: n(JobStatus.QUEUED),
      running: n(JobStatus.RUNNING),
      succeeded: n(JobStatus.SUCCEEDED),
      failed: n(JobStatus.FAILED),
      cancelled: n(JobStatus.CANCELLED),
    };
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
      const owner = ownedBy(ctx.caller);
      return streamJobChanges({
        bus: ctx.bus,
        read: (id) => ctx.db.job.findFirst({ where: { id, ...owner } }),
        maySee: (ownerKey) => owner.ownerKey === undefined || ownerKey === owner.ownerKey,
      });
    },
  })
  jobsChanged(@Root() { jobId, row }: JobChangeOf<JobRow>): JobChange {
    if (!row) return { jobId, status: null, deleted: true, job: null };
    return { jobId, status: row.status as JobStatus, deleted: false, job: toJob(row) };
  }
}
