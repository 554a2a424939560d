// A client whose socket drops at random points and resubscribes with its last seq receives
// every event exactly once: 50+ drops across several live jobs, compared with the stored log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { JOB_EVENTS, type JobEventResult, subscribe } from "../support/subscriptions.js";
import { slowJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

/** Small seeded PRNG so a failing run can be replayed (seed is printed). */
function rng(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe("socket drops", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Follows one job, killing the socket after a random number of events each time. */
  async function followWithDrops(jobId: string, random: () => number): Promise<{ received: number[]; drops: number }> {
    const received: number[] = [];
    let drops = 0;
    for (;;) {
      const client = wsClient(server.wsUrl, { lazy: false });
      const dropAfter = 1 + Math.floor(random() * 6);
      let dropped = false;
      const sub = subscribe<{ jobEvents: JobEventResult }>(client, JOB_EVENTS, { jobId, afterSeq: received.at(-1) ?? 0 }, (r) => {
        received.push(r.jobEvents.seq);
        if (sub.results.length === dropAfter) {
          dropped = true;
          client.terminate(); // abrupt: no close handshake, like a pulled cable
        }
      });
      // The subscription completes, or fails because we killed its socket.
      const outcome = await sub.done(60_000).then(
        () => "done" as const,
        (err) => {
          if (dropped) return "dropped" as const;
          throw err;
        },
      );
      await client.dispose();
      if (outcome === "done") return { received, drops };
      drops++;
      // Dropped right on the terminal event: resubscribing still completes (replay of nothing).
    }
  }

  it("delivers every event exactly once across 50+ random drops", async () => {
    const seed = Number(process.env.DROP_SEED ?? Date.now() % 100000);
    console.log(`socket-drops seed ${seed} (DROP_SEED=${seed} to replay)`);
    const random = rng(seed);
    let drops = 0;
    let jobs = 0;
    while (drops < 50) {
      const batch = await Promise.all(
        [0, 1].map(async (i) => {
          const inputs = await slowJob(`drops-${jobs + i}`, 150);
          return (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
        }),
      );
      jobs += batch.length;
      const results = await Promise.all(batch.map((id) => followWithDrops(id, random)));
      for (const [i, r] of results.entries()) {
        drops += r.drops;
        const stored = await gql(server.url, `query ($id: ID!) { events(jobId: $id, first: 1000) { seq kind } }`, { id: batch[i] });
        const seqs = stored.data.events.map((e: JobEventResult) => e.seq);
        expect(stored.data.events.at(-1).kind).toBe("JOB_SUCCEEDED");
        expect(r.received).toEqual(seqs);
      }
      expect(jobs, "too many jobs for 50 drops").toBeLessThan(30);
    }
    console.log(`${drops} drops over ${jobs} jobs, no gap and no duplicate`);
  });
});
