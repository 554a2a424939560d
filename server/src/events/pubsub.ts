// Live fan-out of stored events. Publishing goes through graphql-yoga's PubSub (the one
// type-graphql uses); listening goes straight to its EventTarget (see event-stream.ts), so a
// listener is attached synchronously and each subscriber owns its own queue. Swapping the
// EventTarget (e.g. for a Redis one) moves fan-out across server instances.
import { setMaxListeners } from "node:events";
import { createPubSub } from "@graphql-yoga/subscription";
import type { StoredEvent } from "./event-types.js";

export interface JobBus {
  pubsub: ReturnType<typeof createBusPubSub>;
  target: EventTarget;
}

function createBusPubSub(eventTarget: EventTarget) {
  return createPubSub<{
    "job:event": [jobId: string, event: StoredEvent];
    "job:updated": [jobId: string, payload: { jobId: string }];
    /** Any job's status may have changed, or it was deleted (jobsChanged filters by owner). */
    "jobs:changed": [payload: JobsChangedNotice];
  }>({ eventTarget });
}

export interface JobsChangedNotice {
  jobId: string;
  /** Set by deleteJob and the retention sweep; the row is gone, so its owner travels along. */
  deleted?: { ownerKey: string | null };
}

/** The EventTarget topic of `publish("jobs:changed", notice)` (no id: one topic for all jobs). */
export const JOBS_CHANGED_TOPIC = "jobs:changed";

export function createJobBus(target: EventTarget = new EventTarget()): JobBus {
  // Every subscriber is one listener on its job's topic: many per job is normal, not a leak.
  if (target instanceof EventTarget) setMaxListeners(0, target);
  return { pubsub: createBusPubSub(target), target };
}

/** The EventTarget topic createPubSub uses for `publish(key, id, payload)`. */
export function topicOf(key: "job:event" | "job:updated", jobId: string): string {
  return `${key}:${jobId}`;
}
