// graphql's subscribe(), except that one event delivered to many subscribers of the same
// operation is executed once. graphql executes the selection set per event per subscriber;
// with 1,000 subscribers on a job that is 1,000 identical executions of every event. Here the
// result is kept beside the event object (a WeakMap, so it lives only as long as the event)
// under a key of everything else the result depends on: the operation text, its variables and
// the caller. Events read from the database are new objects per subscriber and simply miss.
// Each event is executed by the operation compiled once (compiled-operations.ts).
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult } from "graphql";
import { eventExecutor } from "./compiled-operations.js";

type Result = ExecutionResult | Promise<ExecutionResult>;
const shared = new WeakMap<object, Map<string, Result>>();

export async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source; // errors before the stream started
  const text = args.document.loc?.source.body ?? JSON.stringify(args.document);
  const run = eventExecutor(args, JSON.stringify([text, args.operationName ?? null]));
  const key = resultKey(args, text);
  return mapAsyncIterator(source, (payload) => {
    if (payload === null || typeof payload !== "object") return run(payload);
    let results = shared.get(payload);
    if (!results) shared.set(payload, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = run(payload)));
    return result;
  });
}

/** What besides the event decides the result. */
function resultKey(args: ExecutionArgs, text: string): string {
  const caller = (args.contextValue as { caller?: { keyHash?: string | null } } | undefined)?.caller?.keyHash ?? "";
  return JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null, caller]);
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof (x as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === "function";
}

/**
 * Like graphql's internal mapAsyncIterator: return() and throw() go straight to the source,
 * so a subscriber that leaves closes its event stream at once.
 */
function mapAsyncIterator<T, U>(iterable: AsyncIterable<T>, fn: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  const it = iterable[Symbol.asyncIterator]();
  const map = async (r: IteratorResult<T>): Promise<IteratorResult<U>> => {
    if (r.done) return r;
    try {
      return { value: await fn(r.value), done: false };
    } catch (err) {
      await it.return?.(); // a failed mapping ends the stream; do not leave its listener behind
      throw err;
    }
  };
  return {
    next: async () => map(await it.next()),
    return: async () => (it.return ? map(await it.return()) : { value: undefined, done: true }),
    throw: async (err?: unknown) => {
      if (it.throw) return map(await it.throw(err));
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
