// What list views need besides `jobs`: counts per status, and a live feed of status changes.
import { Field, ID, Int, ObjectType } from "type-graphql";
import { JobStatus } from "./enums.js";
import { Job } from "./job.type.js";

@ObjectType({ description: "How many of the caller's jobs are in each status (with the same search filter as `jobs`)." })
export class JobCounts {
  @Field(() => Int)
  all!: number;
  @Field(() => Int)
  queued!: number;
  @Field(() => Int)
  running!: number;
  @Field(() => Int)
  succeeded!: number;
  @Field(() => Int)
  failed!: number;
  @Field(() => Int)
  cancelled!: number;
}

@ObjectType({ description: "One of the caller's jobs changed status, was created, or was deleted." })
export class JobChange {
  @Field(() => ID)
  jobId!: string;

  @Field(() => JobStatus, { nullable: true, description: "The new status; null when the job was deleted." })
  status!: JobStatus | null;

  @Field({ description: "True when the job was deleted (deleteJob or the retention cleanup)." })
  deleted!: boolean;

  @Field(() => Job, { nullable: true, description: "The job as it is now; null when deleted." })
  job!: Job | null;
}
