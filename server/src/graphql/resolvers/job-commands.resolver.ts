import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireJob } from "../../auth/job-access.js";
import { cancelJob, retryJob } from "../../jobs/job-commands.js";
import type { AppContext } from "../context.js";
import { toJob } from "../mappers.js";
import { Stage } from "../types/enums.js";
import { Job } from "../types/job.type.js";

@Resolver()
export class JobCommandsResolver {
  @Mutation(() => Job, {
    description:
      "Cancel a QUEUED or RUNNING job. A running stage's worker is stopped; the job's log ends with JOB_CANCELLED. " +
      "Errors: NOT_FOUND, JOB_STATE_CONFLICT (already final).",
  })
  async cancelJob(@Arg("id", () => ID) id: string, @Ctx() ctx: AppContext): Promise<Job> {
    await requireJob(ctx.db, ctx.caller, id);
    await cancelJob(ctx, id);
    return toJob(await requireJob(ctx.db, ctx.caller, id));
  }

  @Mutation(() => Job, {
    description:
      "Run a FAILED or CANCELLED job again as a new attempt, from its first unfinished stage or from `fromStage`. " +
      "Same id; its event log continues. Errors: NOT_FOUND, JOB_STATE_CONFLICT.",
  })
  async retryJob(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: AppContext,
    @Arg("fromStage", () => Stage, { nullable: true }) fromStage?: Stage,
  ): Promise<Job> {
    await requireJob(ctx.db, ctx.caller, id);
    await retryJob(ctx, id, fromStage);
    return toJob(await requireJob(ctx.db, ctx.caller, id));
  }
}
