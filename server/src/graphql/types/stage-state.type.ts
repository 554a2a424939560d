import { GraphQLJSON } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Stage, StageStatus } from "./enums.js";

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

  @Field({ nullable: true })
  startedAt?: Date;

  @Field({ nullable: true })
  finishedAt?: Date;

  @Field(() => Int, { nullable: true })
  durationMs?: number;

  @Field(() => GraphQLJSON, { nullable: true, description: "Key figures of the finished stage." })
  summary?: unknown;
}
