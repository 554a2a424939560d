import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { EventKind, LogLevel, Stage } from "./enums.js";

// simpleResolvers: these types are executed for every event delivered; their fields are plain
// properties, read directly instead of through type-graphql's per-field middleware wrapper
// (an object and a call chain per field per event). We use no middleware or auth checker.
@ObjectType({ description: "Progress of one of the stages that run side by side.", simpleResolvers: true })
export class StageProgress {
  @Field(() => Stage)
  stage!: Stage;

  @Field(() => Int)
  percent!: number;
}

@ObjectType({ description: "One entry of a job's event log. seq is gapless per job, starting at 1.", simpleResolvers: true })
export class JobEvent {
  @Field(() => ID)
  jobId!: string;

  @Field(() => Int, { description: "Position in the job's log: 1, 2, 3… with no gaps. Resume with afterSeq = the last seq seen." })
  seq!: number;

  @Field()
  at!: Date;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => Stage, { nullable: true })
  stage!: Stage | null;

  @Field(() => Int, { nullable: true, description: "Stage progress 0–100 (stage events only)." })
  progress!: number | null;

  @Field()
  message!: string;

  @Field(() => LogLevel, { nullable: true })
  level!: LogLevel | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "Structured details: stage summaries, counts, error codes." })
  data!: unknown;

  @Field(() => [StageProgress], {
    nullable: true,
    description: "For PDF_DEEP / STEP_EXTRACT events: where both parallel stages stand.",
  })
  parallel?: StageProgress[] | null;
}
