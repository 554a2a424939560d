import { GraphQLJSON } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Stage, StageStatus } from "./enums.js";
import { ErrorCode } from "./error-codes.type.js";

@ObjectType({ description: "Where one stage of a job stands, with its timings." })
export class StageState {
  @Field(() => Stage)
  stage!: Stage;

  @Field(() => StageStatus)
  status!: StageStatus;

  @Field(() => Int)
  progress!: number;

  @Field({ nullable: true })
  message?: string;

  @Field(() => ErrorCode, {
    nullable: true,
    description: "Why the stage FAILED or was CANCELLED (null otherwise); UNKNOWN for a stored code the enum does not list.",
  })
  failureCode?: ErrorCode;

  @Field({ nullable: true })
  startedAt?: Date;

  @Field({ nullable: true })
  finishedAt?: Date;

  @Field(() => Int, { nullable: true })
  durationMs?: number;

  @Field(() => GraphQLJSON, { nullable: true, description: "Key figures of the finished stage." })
  summary?: unknown;
}
