// The type-graphql schema (also printed to schema.graphql by `npm run schema:print`).
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import type { StoredEvent } from "../events/event-types.js";
import type { Job } from "./types/job.type.js";
import { createJobBus, type JobBus } from "../events/pubsub.js";
import { CreateJobResolver } from "./resolvers/create-job.resolver.js";
import { ErrorCodesResolver } from "./resolvers/error-codes.resolver.js";
import { JobEventResolver } from "./resolvers/job-event.resolver.js";
import { JobCommandsResolver } from "./resolvers/job-commands.resolver.js";
import { JobListResolver } from "./resolvers/job-list.resolver.js";
import { JobResolver } from "./resolvers/job.resolver.js";
import { WebhookDeliveryResolver } from "./resolvers/webhook-delivery.resolver.js";

export async function buildAppSchema(bus: JobBus = createJobBus()) {
  const schema = await buildSchema({
    resolvers: [JobResolver, JobEventResolver, CreateJobResolver, JobCommandsResolver, JobListResolver, WebhookDeliveryResolver, ErrorCodesResolver],
    // Our subscriptions bring their own `subscribe` (replay + live); type-graphql still wants one.
    pubSub: bus.pubsub,
    validate: false,
  });
  resolveEventsDirectly(schema);
  return schema;
}

/**
 * A subscription's `resolve` runs once per event. Through type-graphql it converts and
 * validates the subscription's arguments, sorts and awaits the parameters and applies the
 * middleware chain every time, though these methods only map the event (their arguments are
 * for `subscribe`): about a sixth of the garbage an event made on the event loop, measured.
 * The same methods are called, with the event alone, so a middleware or auth rule put on these
 * two methods would not run per event (there are none; `subscribe` is where access is checked).
 */
function resolveEventsDirectly(schema: GraphQLSchema): void {
  const fields = schema.getSubscriptionType()!.getFields();
  const resolver = new JobEventResolver();
  fields.jobEvents!.resolve = (event: StoredEvent) => resolver.jobEvents(event);
  fields.jobUpdated!.resolve = (job: Job) => resolver.jobUpdated(job);
}
