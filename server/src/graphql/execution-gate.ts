// At most GRAPHQL_MAX_CONCURRENT GraphQL operations run at once in the server, over HTTP and
// graphql-ws alike; the others wait their turn in arrival order. Execution runs on the main
// thread, so more at once gain nothing but interleave: a flood of heavy queries (clients that
// pipeline hundreds and never read the answers) would fill every event-loop turn with their
// work and hold /healthz and everyone else's requests for minutes. Each queued operation starts
// in its own event-loop turn, so sockets are served between them. A slot is held from the
// start of an operation until its result is ready (not until a slow client has read it).
import type { ApolloServerPlugin } from "@apollo/server";

export class ExecutionGate {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  constructor(readonly limit: number) {}

  /** Waits for a slot; the returned release (safe to call twice) frees it. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else {
      this.running++;
      // Even with a slot free, start in a later turn: a connection's pipelined requests (and the
      // database's answers) otherwise follow one another in one turn, hundreds of them, and no
      // other socket (/healthz) is served until they are all done.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes on (running stays the same) in a later turn of the event loop: the
      // database adapter answers in microtasks, so handing it on at once would run the whole
      // queue in one turn and hold every socket (/healthz too) until it is empty.
      if (next) setImmediate(next);
      else this.running--;
    };
  }

  /** Operations running and waiting (for /metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }
}

/** The gate around each HTTP GraphQL request (Apollo runs requestDidStart before parsing). */
export function executionGatePlugin<C extends object>(gate: ExecutionGate): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const release = await gate.acquire();
      return {
        async willSendResponse() {
          release();
        },
      };
    },
  };
}
