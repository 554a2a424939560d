// watchJob: a job's events as an async iterator that survives dropped sockets. Each (re)subscribe
// asks for afterSeq = the last seq handed out, and anything at or below it is dropped, so the
// consumer sees every seq exactly once and in order, whatever the network did.
import type { CombinedError } from "@urql/core";
import { onEnd, pipe, subscribe } from "wonka";
import type { JobEvent, ManualForgeClient, WatchOptions } from "./types.js";
import { fromCombinedError, ManualForgeError } from "./errors.js";
import { JobEventsDocument } from "./generated/graphql.js";
import { FINAL_STATUSES, TERMINAL_KINDS } from "./job-states.js";

type Item = { ev: JobEvent } | { end: "complete" | "aborted" } | { end: "closed"; code: unknown } | { end: "error"; error: CombinedError };

/** A tiny unbounded queue: the subscription pushes, the generator awaits. */
class Queue<T> {
  private items: T[] = [];
  private waiting: ((v: T) => void) | null = null;
  push(v: T) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(v);
    } else this.items.push(v);
  }
  next(): Promise<T> {
    const v = this.items.shift();
    return v !== undefined ? Promise.resolve(v) : new Promise((r) => (this.waiting = r));
  }
}

function openSession(client: ManualForgeClient, jobId: string, afterSeq: number, queue: Queue<Item>): () => void {
  const source = client.urql.subscription(JobEventsDocument, { jobId, afterSeq });
  const sub = pipe(
    source,
    onEnd(() => queue.push({ end: "complete" })),
    subscribe((r) => {
      if (r.error) queue.push({ end: "error", error: r.error });
      else if (r.data) queue.push({ ev: r.data.jobEvents });
    }),
  );
  // A dropped socket ends every subscription on it; graphql-ws tells us here.
  const off = client.ws.on("closed", (e) => queue.push({ end: "closed", code: (e as { code?: unknown } | undefined)?.code }));
  return () => {
    off();
    sub.unsubscribe();
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** Close codes that a retry will not fix (4401 Unauthorized, 4403 Forbidden: bad API key). */
function fatalClose(code: unknown): ManualForgeError | null {
  if (code === 4401 || code === 4403)
    return new ManualForgeError("The server refused the WebSocket connection: check the API key", "UNAUTHENTICATED");
  return null;
}

export async function* watchJob(client: ManualForgeClient, jobId: string, opts: WatchOptions = {}): AsyncGenerator<JobEvent, void, undefined> {
  let last = opts.afterSeq ?? 0;
  let attempt = 0;
  const maxRetries = opts.maxRetries ?? 10;
  for (;;) {
    const queue = new Queue<Item>();
    const onAbort = () => queue.push({ end: "aborted" });
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const close = openSession(client, jobId, last, queue);
    let reason = "";
    try {
      for (;;) {
        const item = await queue.next();
        if ("ev" in item) {
          const ev = item.ev;
          if (ev.seq <= last) continue; // already handed out (a resent subscription replays)
          if (ev.seq > last + 1) {
            // Never expected from the server; fill the hole from the stored log rather than skip it.
            for (const missing of await client.events(jobId, { afterSeq: last, first: ev.seq - last - 1 })) {
              if (missing.seq !== last + 1) continue;
              last = missing.seq;
              yield missing;
            }
          }
          last = ev.seq;
          attempt = 0;
          yield ev;
          if (TERMINAL_KINDS.has(ev.kind)) return;
          continue;
        }
        if (item.end === "aborted") return;
        if (item.end === "error") {
          if (item.error.graphQLErrors.length) throw fromCombinedError(item.error, client.url);
          const fatal = fatalClose((item.error.networkError as { code?: unknown } | undefined)?.code);
          if (fatal) throw fatal;
          reason = item.error.networkError?.message || "connection error";
        } else if (item.end === "closed") {
          const fatal = fatalClose(item.code);
          if (fatal) throw fatal;
          reason = "socket closed";
        } else reason = "subscription ended early";
        break;
      }
    } finally {
      close();
      opts.signal?.removeEventListener("abort", onAbort);
    }
    // Ended without a terminal event. If the job is already final there is nothing more to wait for.
    if (reason === "subscription ended early") {
      const job = await client.getJob(jobId).catch(() => null);
      if (job && FINAL_STATUSES.has(job.status) && !(await client.events(jobId, { afterSeq: last, first: 1 }).catch(() => [])).length) return;
    }
    attempt++;
    if (attempt > maxRetries)
      throw new ManualForgeError(`Lost the event stream of job ${jobId} after ${maxRetries} retries (${reason})`, "UNREACHABLE");
    opts.onRetry?.({ attempt, afterSeq: last, reason });
    await sleep(Math.min(150 * 2 ** (attempt - 1), 3000), opts.signal);
    if (opts.signal?.aborted) return;
  }
}
