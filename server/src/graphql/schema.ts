// The type-graphql schema (also printed to schema.graphql by `npm run schema:print`).
import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { createJobBus, type JobBus } from "../events/pubsub.js";
import { CreateJobResolver } from "./resolvers/create-job.resolver.js";
import { JobEventResolver } from "./resolvers/job-event.resolver.js";
import { JobCommandsResolver } from "./resolvers/job-commands.resolver.js";
import { JobResolver } from "./resolvers/job.resolver.js";

export function buildAppSchema(bus: JobBus = createJobBus()) {
  return buildSchema({
    resolvers: [JobResolver, JobEventResolver, CreateJobResolver, JobCommandsResolver],
    // Our subscriptions bring their own `subscribe` (replay + live); type-graphql still wants one.
    pubSub: bus.pubsub,
    validate: false,
  });
}
