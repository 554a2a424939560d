// The JobBus: live wake-ups for stored events, one typed payload per channel. The event log
// publishes; the readers (event-stream.ts, job-snapshots.ts, the jobsChanged feed) subscribe.
// Nobody else knows the topic strings or the EventTarget under them. Swapping the EventTarget
// (events/redis-target.ts) moves fan-out across server instances; the topics and payloads are
// the ones graphql-yoga's createPubSub writes (`${channel}:${jobId}`, the payload as `detail`),
// so instances of older builds on the same Redis still hear each other.
import { setMaxListeners } from "node:events";
import type { StoredEvent } from "./event-types.js";

export interface JobsChangedNotice {
  jobId: string;
  /** Set by deleteJob and the retention sweep; the row is gone, so its owner travels along. */
  deleted?: { ownerKey: string | null };
}

/** What each channel carries. */
export interface JobBusChannels {
  /** A job's event, just stored. */
  "job:event": StoredEvent;
  /** The job's status or a stage changed: re-read it. */
  "job:updated": { jobId: string };
  /** Any job's status may have changed, or it was deleted (jobsChanged filters by owner). */
  "jobs:changed": JobsChangedNotice;
}

/** Channels with one topic per job. */
export type JobChannel = "job:event" | "job:updated";
/** Channels with one topic for all jobs. */
export type AllJobsChannel = "jobs:changed";

export type Unsubscribe = () => void;

export class JobBus {
  /** Subscriptions per topic, counted here so any EventTarget (Redis too) can report them. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly target: EventTarget = new EventTarget()) {
    // Every subscriber is one listener on its job's topic: many per job is normal, not a leak.
    if (target instanceof EventTarget) setMaxListeners(0, target);
  }

  publish<C extends JobChannel>(channel: C, jobId: string, payload: JobBusChannels[C]): void;
  publish<C extends AllJobsChannel>(channel: C, payload: JobBusChannels[C]): void;
  publish(channel: keyof JobBusChannels, ...args: [string, unknown] | [unknown]): void {
    const [topic, payload] = args.length === 2 ? [topicOf(channel, args[0] as string), args[1]] : [channel, args[0]];
    this.target.dispatchEvent(new CustomEvent(topic, { detail: payload }));
  }

  /** Calls `fn` with each payload published on the job's channel, until unsubscribed. */
  subscribe<C extends JobChannel>(channel: C, jobId: string, fn: (payload: JobBusChannels[C]) => void): Unsubscribe {
    const deliver = channel === "job:event" ? (d: JobBusChannels[C]) => fn(restoreEvent(d as StoredEvent) as JobBusChannels[C]) : fn;
    return this.listen(topicOf(channel, jobId), deliver);
  }

  /** Calls `fn` with each payload published on the channel for any job, until unsubscribed. */
  subscribeAll<C extends AllJobsChannel>(channel: C, fn: (payload: JobBusChannels[C]) => void): Unsubscribe {
    return this.listen(channel, fn);
  }

  /** How many subscriptions this instance holds on a channel (for a job, or for all jobs). */
  subscriptions(channel: keyof JobBusChannels, jobId?: string): number {
    return this.counts.get(jobId === undefined ? channel : topicOf(channel, jobId)) ?? 0;
  }

  private listen<T>(topic: string, fn: (payload: T) => void): Unsubscribe {
    const listener = (ev: Event) => fn((ev as CustomEvent<T>).detail);
    this.target.addEventListener(topic, listener);
    this.counts.set(topic, (this.counts.get(topic) ?? 0) + 1);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.target.removeEventListener(topic, listener);
      const left = this.counts.get(topic)! - 1;
      if (left) this.counts.set(topic, left);
      else this.counts.delete(topic);
    };
  }
}

export function createJobBus(target?: EventTarget): JobBus {
  return new JobBus(target);
}

/** The topic createPubSub uses for `publish(channel, jobId, payload)`. */
function topicOf(channel: string, jobId: string): string {
  return `${channel}:${jobId}`;
}

const restored = new WeakMap<StoredEvent, StoredEvent>();

/**
 * Events that crossed a process boundary arrive as JSON: restore the Date, once per event, so
 * every subscriber still gets the same object (graphql/shared-subscribe.ts executes it once).
 */
function restoreEvent(e: StoredEvent): StoredEvent {
  if (e.at instanceof Date) return e;
  let r = restored.get(e);
  if (!r) restored.set(e, (r = { ...e, at: new Date(e.at) }));
  return r;
}
