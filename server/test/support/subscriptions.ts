// The one way tests subscribe and wait (after graphql-ws's own tests/utils/tservers.ts): a
// subscription keeps everything it received, every wait fails the test after its timeout
// instead of hanging, and subscriptions and clients opened inside a test are disposed when
// the test finishes, passed or failed.
import type { Client } from "graphql-ws";
import { onTestFinished } from "vitest";
import { uploadJob, wsClient, type UploadFile } from "./graphql-client.js";

/** A jobEvents result as the tests select it (JOB_EVENTS); unselected fields are absent. */
export interface JobEventResult {
  seq: number;
  kind: string;
  stage: string | null;
  progress: number | null;
  message: string;
  level: string | null;
  data: any;
  parallel: { stage: string; percent: number }[] | null;
}

export const JOB_EVENTS = `subscription ($jobId: ID!, $afterSeq: Int) {
  jobEvents(jobId: $jobId, afterSeq: $afterSeq) { seq kind stage progress message level data parallel { stage percent } }
}`;

/** GraphQL errors (an `errors` result or graphql-ws's error list) as one Error with `errors`. */
function asError(e: unknown): Error {
  if (Array.isArray(e)) return Object.assign(new Error(e.map((x: { message: string }) => x.message).join("; ")), { errors: e });
  return e instanceof Error ? e : Object.assign(new Error(`subscription failed: ${JSON.stringify(e)}`), { cause: e });
}

/** Runs `fn` when the current test ends; outside a test (beforeAll) the caller disposes. */
function whenTestEnds(fn: () => unknown): void {
  try {
    onTestFinished(async () => {
      await fn();
    });
  } catch {
    // not inside a test
  }
}

export interface TestSubscription<T> {
  /** Every result so far, in order. */
  readonly results: T[];
  /** Resolves with the first result (already received or still to come) that matches; `what` names it in the timeout error. */
  next(match?: (v: T) => boolean, timeoutMs?: number, what?: string): Promise<T>;
  /** Resolves with all results up to and including the first that matches. */
  until(match: (v: T) => boolean, timeoutMs?: number, what?: string): Promise<T[]>;
  /** Resolves with all results once the server completes the subscription. */
  done(timeoutMs?: number): Promise<T[]>;
  dispose(): void;
}

/**
 * Subscribes on `client`. A result with errors, or an error, fails every wait (with the GraphQL
 * errors as `errors`); `onNext` sees each result as it arrives (e.g. to act on an event).
 */
export function subscribe<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  onNext?: (v: T) => void,
): TestSubscription<T> {
  const results: T[] = [];
  let failure: Error | null = null;
  let completed = false;
  const waiters = new Set<() => void>();
  const settle = () => waiters.forEach((w) => w());
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) failure ??= asError(r.errors);
        else {
          results.push(r.data as T);
          onNext?.(r.data as T);
        }
        settle();
      },
      error: (e) => {
        failure ??= asError(e);
        settle();
      },
      complete: () => {
        completed = true;
        settle();
      },
    },
  );
  whenTestEnds(stop);

  /** Re-checks `ready` after each result; fails on an error, an early completion or the timeout. */
  function wait<R>(ready: () => R | undefined, what: string, timeoutMs: number, completionEnds = false): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value !== undefined) finish(() => resolve(value));
        else if (failure) finish(() => reject(failure));
        else if (completed && !completionEnds)
          finish(() => reject(new Error(`subscription completed before ${what} (got ${results.length} results)`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms (got ${results.length} results)`))), timeoutMs);
      const finish = (settleWith: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settleWith();
      };
      waiters.add(check);
      check();
    });
  }

  const upTo = (match: (v: T) => boolean) => {
    const i = results.findIndex(match);
    return i < 0 ? undefined : results.slice(0, i + 1);
  };
  return {
    results,
    next: (match = () => true, timeoutMs = 60_000, what = "matching result") => wait(() => upTo(match)?.at(-1), what, timeoutMs),
    until: (match, timeoutMs = 60_000, what = "matching result") => wait(() => upTo(match), what, timeoutMs),
    done: (timeoutMs = 60_000) => wait(() => (completed && !failure ? results : undefined), "completion", timeoutMs, true),
    dispose: stop,
  };
}

/** Collects a subscription until it completes; rejects on error or after `timeoutMs`. */
export async function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 60_000,
  onNext?: (v: T) => void,
): Promise<T[]> {
  const sub = subscribe<T>(client, query, variables, onNext);
  try {
    return await sub.done(timeoutMs);
  } finally {
    sub.dispose();
  }
}

/** A graphql-ws client disposed when the current test ends. */
export function testClient(wsUrl: string, opts: { lazy?: boolean } = {}): Client {
  const client = wsClient(wsUrl, opts);
  whenTestEnds(() => client.dispose());
  return client;
}

/** A job's events after `afterSeq` up to its terminal event, on a client of its own. */
export async function followJob(wsUrl: string, jobId: string, opts: { afterSeq?: number; timeoutMs?: number } = {}): Promise<JobEventResult[]> {
  const client = wsClient(wsUrl);
  try {
    const results = await collect<{ jobEvents: JobEventResult }>(
      client,
      JOB_EVENTS,
      { jobId, afterSeq: opts.afterSeq ?? 0 },
      opts.timeoutMs ?? 60_000,
    );
    return results.map((r) => r.jobEvents);
  } finally {
    await client.dispose();
  }
}

/**
 * A job's events up to and including the first that matches; the subscription stays open (its
 * client is returned, and disposed when the test ends).
 */
export async function jobEventsUntil(wsUrl: string, jobId: string, match: (e: JobEventResult) => boolean, timeoutMs = 60_000) {
  const client = testClient(wsUrl);
  const sub = subscribe<{ jobEvents: JobEventResult }>(client, JOB_EVENTS, { jobId });
  const events = (await sub.until((r) => match(r.jobEvents), timeoutMs)).map((r) => r.jobEvents);
  return { events, client };
}

/** Uploads a job and follows its events to the terminal one; fails on an upload error. */
export async function runJobToEnd(server: { url: string; wsUrl: string }, pdf: UploadFile, step: UploadFile, timeoutMs = 60_000) {
  const up = await uploadJob(server.url, pdf, step);
  if (!up.body.data) throw new Error(`upload failed: ${JSON.stringify(up.body.errors)}`);
  const jobId = up.body.data.createJob.id;
  return { jobId, events: await followJob(server.wsUrl, jobId, { timeoutMs }) };
}
