// The type-graphql schema (also printed to schema.graphql by `npm run schema:print`).
import "reflect-metadata";
import { buildSchema, type BuildSchemaOptions } from "type-graphql";
import { CreateJobResolver } from "./resolvers/create-job.resolver.js";
import { ErrorCodesResolver } from "./resolvers/error-codes.resolver.js";
import { JobEventResolver, resolveEventsDirectly } from "./resolvers/job-event.resolver.js";
import { JobCommandsResolver } from "./resolvers/job-commands.resolver.js";
import { JobListResolver } from "./resolvers/job-list.resolver.js";
import { JobResolver } from "./resolvers/job.resolver.js";
import { WebhookDeliveryResolver } from "./resolvers/webhook-delivery.resolver.js";

/**
 * Every subscription here brings its own `subscribe` (replay + live, over events/pubsub.ts's
 * JobBus), so type-graphql's PubSub is never used; buildSchema refuses subscriptions without one.
 */
const NO_PUBSUB: NonNullable<BuildSchemaOptions["pubSub"]> = {
  publish: () => {
    throw new Error("publish through the JobBus (events/pubsub.ts)");
  },
  subscribe: () => {
    throw new Error("subscriptions here bring their own subscribe");
  },
};

export async function buildAppSchema() {
  const schema = await buildSchema({
    resolvers: [JobResolver, JobEventResolver, CreateJobResolver, JobCommandsResolver, JobListResolver, WebhookDeliveryResolver, ErrorCodesResolver],
    pubSub: NO_PUBSUB,
    validate: false,
  });
  resolveEventsDirectly(schema);
  return schema;
}
