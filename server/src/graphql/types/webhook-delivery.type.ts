import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One webhook POST of a job's terminal event, with its retries." })
export class WebhookDelivery {
  @Field({ description: "Also sent as the ManualForge-Delivery header and the body's id: receivers de-duplicate on it." })
  id!: string;

  @Field(() => Int, { description: "Seq of the delivered event in the job's log." })
  seq!: number;

  @Field({ description: "JOB_SUCCEEDED, JOB_FAILED or JOB_CANCELLED." })
  kind!: string;

  @Field()
  url!: string;

  @Field({ description: "PENDING (will be tried, again), DELIVERED (a 2xx answer), FAILED (gave up after the last attempt)." })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last attempt; null when it got no answer." })
  lastStatusCode?: number | null;

  @Field(() => String, { nullable: true })
  lastError?: string | null;

  @Field({ nullable: true, description: "When the next attempt is due (PENDING only)." })
  nextAttemptAt?: Date;

  @Field({ nullable: true })
  deliveredAt?: Date;

  @Field()
  createdAt!: Date;
}
