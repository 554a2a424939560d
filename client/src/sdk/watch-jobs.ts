// watchJobs: the caller's job status changes (the `jobsChanged` subscription) for list views,
// reconnecting with backoff for as long as the caller wants. Changes made while disconnected
// are not replayed: `onSubscribed` runs after every (re)subscribe, the moment to re-read the
// list and counts.
import { onEnd, pipe, subscribe } from "wonka";
import type { JobChange, ManualForgeClient, WatchJobsOptions } from "./types.js";
import { fromCombinedError, ManualForgeError } from "./errors.js";
import { JobsChangedDocument } from "./generated/graphql.js";

type Item = { change: JobChange } | { end: string; fatal?: Error | null };

/** 4401 / 4403: the server refused the key; retrying will not help. */
function refused(code: unknown): ManualForgeError | null {
  return code === 4401 || code === 4403
    ? new ManualForgeError("The server refused the WebSocket connection: check the API key", "UNAUTHENTICATED")
    : null;
}

export async function* watchJobs(client: ManualForgeClient, opts: WatchJobsOptions = {}): AsyncGenerator<JobChange, void, undefined> {
  const maxRetries = opts.maxRetries ?? Infinity;
  const maxDelay = opts.maxDelayMs ?? 5000;
  let attempt = 0;
  let first = true;
  while (!opts.signal?.aborted) {
    const items: Item[] = [];
    let wake: (() => void) | null = null;
    const push = (i: Item) => {
      items.push(i);
      wake?.();
    };
    const onAbort = () => push({ end: "aborted" });
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const offConnected = client.ws.on("connected", () => {
      attempt = 0;
      opts.onSubscribed?.({ first });
      first = false;
    });
    const offClosed = client.ws.on("closed", (e) => push({ end: "socket closed", fatal: refused((e as { code?: unknown } | undefined)?.code) }));
    const sub = pipe(
      client.urql.subscription(JobsChangedDocument, {}),
      onEnd(() => push({ end: "subscription ended" })),
      subscribe((r) => {
        if (r.error && r.error.graphQLErrors.length) push({ end: "error", fatal: fromCombinedError(r.error, client.url) });
        else if (r.error)
          push({
            end: r.error.networkError?.message || "connection error",
            fatal: refused((r.error.networkError as { code?: unknown } | undefined)?.code),
          });
        else if (r.data) push({ change: r.data.jobsChanged });
      }),
    );
    // The socket may already be open (another subscription): then it is live once subscribed.
    if (client.isConnected()) {
      opts.onSubscribed?.({ first });
      first = false;
    }
    let reason = "";
    try {
      for (;;) {
        const item = items.shift() ?? (await new Promise<void>((r) => (wake = r)), (wake = null), items.shift());
        if (!item) continue;
        if ("change" in item) {
          yield item.change;
          continue;
        }
        if (item.fatal) throw item.fatal;
        reason = item.end;
        break;
      }
    } finally {
      offConnected();
      offClosed();
      sub.unsubscribe();
      opts.signal?.removeEventListener("abort", onAbort);
    }
    if (reason === "aborted" || opts.signal?.aborted) return;
    attempt++;
    if (attempt > maxRetries) throw new ManualForgeError(`Lost the job list feed after ${maxRetries} retries (${reason})`, "UNREACHABLE");
    // Exponential backoff with jitter, so many pages do not all come back in the same instant.
    const delayMs = Math.round(Math.min(250 * 2 ** (attempt - 1), maxDelay) * (0.75 + Math.random() * 0.5));
    opts.onRetry?.({ attempt, delayMs, reason });
    await new Promise<void>((r) => {
      const t = setTimeout(r, delayMs);
      opts.signal?.addEventListener("abort", () => (clearTimeout(t), r()), { once: true });
    });
  }
}
