// The JobBus on its own: typed channels, per-job routing, unsubscribe, and the same behaviour
// across instances over Redis (topics in graphql-yoga's format, so builds before the JobBus
// on the same Redis still hear it; Dates restored once per event for all subscribers).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../src/events/event-types.js";
import { createJobBus, type JobBus, type JobsChangedNotice } from "../../src/events/pubsub.js";
import { connectRedisTarget, type RedisTarget } from "../../src/events/redis-target.js";
import { REDIS_URL, redisUp } from "../support/postgres.js";

const event = (jobId: string, seq: number): StoredEvent => ({
  jobId,
  seq,
  at: new Date("2026-01-02T03:04:05.678Z"),
  kind: "LOG",
  stage: null,
  progress: null,
  message: `event ${seq}`,
  level: "INFO",
  data: { n: seq },
});

/** Resolves with the next `n` payloads `listen` delivers; fails after `ms`. */
function next<T>(listen: (fn: (p: T) => void) => () => void, n = 1, ms = 5_000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const got: T[] = [];
    const timer = setTimeout(() => {
      off();
      reject(new Error(`not within ${ms} ms: ${n} payload(s), got ${got.length}`));
    }, ms);
    const off = listen((p) => {
      got.push(p);
      if (got.length < n) return;
      clearTimeout(timer);
      off();
      resolve(got);
    });
  });
}

describe("JobBus in one process", () => {
  it("routes each job's payloads to that job's subscribers only, and every change notice to all", () => {
    const bus = createJobBus();
    const a: StoredEvent[] = [];
    const b: StoredEvent[] = [];
    const updated: string[] = [];
    const changes: JobsChangedNotice[] = [];
    bus.subscribe("job:event", "a", (e) => a.push(e));
    bus.subscribe("job:event", "b", (e) => b.push(e));
    bus.subscribe("job:updated", "a", (u) => updated.push(u.jobId));
    bus.subscribeAll("jobs:changed", (n) => changes.push(n));
    const e1 = event("a", 1);
    bus.publish("job:event", "a", e1);
    bus.publish("job:updated", "a", { jobId: "a" });
    bus.publish("jobs:changed", { jobId: "b", deleted: { ownerKey: null } });
    expect(a).toEqual([e1]);
    expect(a[0]).toBe(e1); // in process the very object: shared-subscribe executes it once
    expect(b).toEqual([]);
    expect(updated).toEqual(["a"]);
    expect(changes).toEqual([{ jobId: "b", deleted: { ownerKey: null } }]);
  });

  it("stops delivering at unsubscribe, which may be called twice, and counts subscriptions", () => {
    const bus = createJobBus();
    const got: number[] = [];
    const off1 = bus.subscribe("job:event", "j", (e) => got.push(e.seq));
    const off2 = bus.subscribe("job:event", "j", (e) => got.push(-e.seq));
    const offAll = bus.subscribeAll("jobs:changed", () => {});
    expect([bus.subscriptions("job:event", "j"), bus.subscriptions("job:updated", "j"), bus.subscriptions("jobs:changed")]).toEqual([2, 0, 1]);
    bus.publish("job:event", "j", event("j", 1));
    off1();
    off1();
    expect(bus.subscriptions("job:event", "j")).toBe(1);
    bus.publish("job:event", "j", event("j", 2));
    off2();
    offAll();
    bus.publish("job:event", "j", event("j", 3));
    expect(got).toEqual([1, -1, -2]);
    expect([bus.subscriptions("job:event", "j"), bus.subscriptions("jobs:changed")]).toEqual([0, 0]);
  });
});

describe.skipIf(!redisUp)("JobBus across instances (Redis)", () => {
  let targets: RedisTarget[] = [];
  let admin: Redis;
  let a: JobBus;
  let b: JobBus;
  beforeAll(async () => {
    targets = [await connectRedisTarget(REDIS_URL), await connectRedisTarget(REDIS_URL)];
    [a, b] = targets.map((t) => createJobBus(t.target));
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    admin?.disconnect();
    await Promise.all(targets.map((t) => t.close()));
  });
  /**
   * Resolves once Redis has at least `n` subscribers on the channel (exactly none for 0): a
   * publish then reaches them. Other servers on this Redis may listen on jobs:changed too.
   */
  async function redisSubscribers(channel: string, n: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    const count = async () => Number(((await admin.pubsub("NUMSUB", channel)) as [string, number])[1]);
    for (let c = await count(); n ? c < n : c > 0; c = await count()) {
      if (Date.now() > deadline) throw new Error(`not within 5000 ms: ${n} Redis subscriber(s) on ${channel}`);
    }
  }

  it("delivers one instance's publishes to the other's subscribers, with Dates restored once per event", async () => {
    const jobId = randomUUID();
    const first = next<StoredEvent>((fn) => b.subscribe("job:event", jobId, fn), 2);
    const second = next<StoredEvent>((fn) => b.subscribe("job:event", jobId, fn), 2);
    const updated = next<{ jobId: string }>((fn) => b.subscribe("job:updated", jobId, fn));
    const changed = next<JobsChangedNotice>((fn) => b.subscribeAll("jobs:changed", (n) => n.jobId === jobId && fn(n)));
    // The topics are graphql-yoga's (`channel:jobId`, one for jobs:changed): older builds agree.
    await redisSubscribers(`job:event:${jobId}`, 1);
    await redisSubscribers(`job:updated:${jobId}`, 1);
    await redisSubscribers("jobs:changed", 1);
    a.publish("job:event", jobId, event(jobId, 1));
    a.publish("job:event", jobId, event(jobId, 2));
    a.publish("job:updated", jobId, { jobId });
    a.publish("jobs:changed", { jobId });
    const [x, y] = await Promise.all([first, second]);
    expect(x.map((e) => e.seq)).toEqual([1, 2]);
    expect(x[0]).toEqual(event(jobId, 1));
    expect(x[0]!.at).toBeInstanceOf(Date);
    expect(y[0]).toBe(x[0]); // both subscribers get the same restored object
    expect(await updated).toEqual([{ jobId }]);
    expect(await changed).toEqual([{ jobId }]);
    // Every subscription above has unsubscribed itself: Redis holds no channel for the job.
    expect(b.subscriptions("job:event", jobId)).toBe(0);
    await redisSubscribers(`job:event:${jobId}`, 0);
  });
});
