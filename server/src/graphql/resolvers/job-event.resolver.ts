// A job's events (stored page, live subscription) and its live state (jobUpdated). The feeds
// themselves are read in events/ (event-stream.ts, job-snapshots.ts); here access is checked
// and rows become GraphQL types.
import type { GraphQLSchema } from "graphql";
import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { isFinalStatus, type StoredEvent } from "../../events/event-types.js";
import { readEvents, streamJobEvents } from "../../events/event-stream.js";
import { streamJobSnapshots } from "../../events/job-snapshots.js";
import { requireJob as requireOwnJob } from "../../auth/job-access.js";
import type { AppContext } from "../context.js";
import { badInput } from "../errors.js";
import { toJob, toJobEvent } from "../mappers.js";
import { Job } from "../types/job.type.js";
import { JobEvent } from "../types/job-event.type.js";

const MAX_EVENTS_PAGE = 1000;

const requireJob = (ctx: AppContext, jobId: string) => requireOwnJob(ctx.db, ctx.caller, jobId);

@Resolver(() => JobEvent)
export class JobEventResolver {
  @Query(() => [JobEvent], { description: "Stored events of a job with seq > afterSeq, oldest first." })
  async events(
    @Arg("jobId", () => ID) jobId: string,
    @Ctx() ctx: AppContext,
    @Arg("afterSeq", () => Int, { defaultValue: 0 }) afterSeq = 0,
    @Arg("first", () => Int, { defaultValue: 500, description: `At most ${MAX_EVENTS_PAGE}.` }) first = 500,
  ): Promise<JobEvent[]> {
    if (first < 0 || first > MAX_EVENTS_PAGE) throw badInput(`first must be between 0 and ${MAX_EVENTS_PAGE}`, { argument: "first" });
    await requireJob(ctx, jobId);
    return (await readEvents(ctx.db, jobId, afterSeq, first)).map(toJobEvent);
  }

  @Subscription(() => JobEvent, {
    description:
      "Every event of a job with seq > afterSeq: the stored ones first, then live ones, with no gap and no duplicate. " +
      "Completes after the terminal event. To resume after a disconnect, pass the last seq you received.",
    subscribe: async ({ args, context }) => {
      const ctx = context as AppContext;
      const { jobId, afterSeq } = args as { jobId: string; afterSeq?: number | null };
      if ((afterSeq ?? 0) < 0) throw badInput("afterSeq must be ≥ 0", { argument: "afterSeq" });
      await requireJob(ctx, jobId);
      return streamJobEvents({
        db: ctx.db,
        bus: ctx.bus,
        jobId,
        afterSeq: afterSeq ?? 0,
        isJobFinished: async () => isFinalStatus((await requireJob(ctx, jobId)).status),
      });
    },
  })
  jobEvents(
    @Root() event: StoredEvent,
    @Arg("jobId", () => ID) _jobId?: string,
    @Arg("afterSeq", () => Int, { nullable: true, defaultValue: 0 }) _afterSeq?: number,
  ): JobEvent {
    // Per event, called directly, not through type-graphql: see resolveEventsDirectly below.
    return toJobEvent(event);
  }

  @Subscription(() => Job, {
    description: "The job, now and each time its status or a stage changes. Completes once the job is final.",
    subscribe: async ({ args, context }) => {
      const ctx = context as AppContext;
      const { jobId } = args as { jobId: string };
      await requireJob(ctx, jobId);
      return streamJobSnapshots({ bus: ctx.bus, jobId, read: async () => toJob(await requireJob(ctx, jobId)) });
    },
  })
  jobUpdated(@Root() job: Job, @Arg("jobId", () => ID) _jobId?: string): Job {
    // Per change, called directly too (resolveEventsDirectly).
    return job;
  }
}

/**
 * Called by buildAppSchema (graphql/schema.ts) after the build: replaces the `resolve` that
 * type-graphql generated for jobEvents and jobUpdated with a direct call of the methods above.
 * A subscription's `resolve` runs once per event. Through type-graphql it converts and
 * validates the subscription's arguments, sorts and awaits the parameters and applies the
 * middleware chain every time, though these methods only map the event (their arguments are
 * for `subscribe`): about a sixth of the garbage an event made on the event loop, measured.
 * The same methods are called, with the event alone, so a middleware or auth rule put on these
 * two methods would not run per event (there are none; `subscribe` is where access is checked).
 */
export function resolveEventsDirectly(schema: GraphQLSchema): void {
  const fields = schema.getSubscriptionType()!.getFields();
  const resolver = new JobEventResolver();
  fields.jobEvents!.resolve = (event: StoredEvent) => resolver.jobEvents(event);
  fields.jobUpdated!.resolve = (job: Job) => resolver.jobUpdated(job);
}
