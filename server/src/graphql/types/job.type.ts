import { Field, ID, Int, ObjectType } from "type-graphql";
import { JobStatus, Stage } from "./enums.js";
import { ErrorCode } from "./error-codes.type.js";
import { JobWarning } from "./job-quality.type.js";

@ObjectType({ description: "A drawing PDF + STEP assembly on its way to an assembly manual." })
export class Job {
  @Field(() => ID)
  id!: string;

  @Field(() => JobStatus)
  status!: JobStatus;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field({ nullable: true })
  startedAt?: Date;

  @Field({ nullable: true })
  finishedAt?: Date;

  @Field(() => Int, { description: "How many times a worker has taken this job up." })
  attempt!: number;

  @Field({
    nullable: true,
    description:
      "Machine-readable failure code as stored, e.g. NO_TEXT_LAYER; also a code this server's ErrorCode enum does not list. Prefer failureCode.",
  })
  errorCode?: string;

  @Field(() => ErrorCode, {
    nullable: true,
    description: "Why the job FAILED or was CANCELLED, as the ErrorCode enum (null otherwise); UNKNOWN for a stored code the enum does not list.",
  })
  failureCode?: ErrorCode;

  @Field({ nullable: true })
  errorMessage?: string;

  @Field(() => Stage, { nullable: true, description: "Stage that failed." })
  errorStage?: Stage;

  @Field(() => [String], {
    nullable: true,
    description:
      "createJob(ocrLanguages), normalised (de → deu): the tesseract languages PDF_BOM reads pages without a text layer with; null = chosen per drawing.",
  })
  ocrLanguages?: string[] | null;

  @Field(() => Boolean, {
    description: "True when a warning of severity REVIEW is present: the job SUCCEEDED but its manual should be checked before use.",
  })
  needsReview!: boolean;

  @Field(() => [JobWarning], { description: "Doubts about the result, in the order they were raised." })
  warnings!: JobWarning[];
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class JobEdge {
  @Field()
  cursor!: string;

  @Field(() => Job)
  node!: Job;
}

@ObjectType({ description: "Jobs, newest first, in pages (Relay cursor connection)." })
export class JobConnection {
  @Field(() => [JobEdge])
  edges!: JobEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
