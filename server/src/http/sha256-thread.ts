// SHA-256 of uploads, computed on a thread of its own. Hashing 200 MB takes ~100 ms of CPU;
// on the event loop that was a third of an upload's main-thread time, and every socket waited
// for it (measured: the loop was 100 % busy during a 200 MB upload). The bytes are copied into
// 1 MiB buffers that are transferred to the thread and back (a copy costs a tenth of the hash),
// and a stream stops taking bytes while too many of its buffers are out, so a slow hash pauses
// the socket instead of queueing the file in memory.
import { Writable } from "node:stream";
import { Worker } from "node:worker_threads";

/** Bytes per buffer sent to the thread. */
const BUFFER_BYTES = 1 << 20;
/** Buffers one stream may have at the thread before it stops taking bytes (8 MiB). */
const MAX_IN_FLIGHT = 8;
/** Returned buffers kept for reuse, across streams. */
const MAX_FREE = 16;

// CommonJS, evaluated in the worker: no file to build or to load through a TypeScript loader.
const WORKER = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const hashes = new Map();
parentPort.on("message", ({ id, buffer, length, end }) => {
  if (buffer) {
    let hash = hashes.get(id);
    if (!hash) hashes.set(id, (hash = createHash("sha256")));
    hash.update(new Uint8Array(buffer, 0, length));
    parentPort.postMessage({ id, buffer }, [buffer]);
  } else if (end) {
    const hash = hashes.get(id) ?? createHash("sha256");
    hashes.delete(id);
    parentPort.postMessage({ id, digest: hash.digest("hex") });
  } else hashes.delete(id); // aborted
});
`;

interface Reply {
  id: number;
  buffer?: ArrayBuffer;
  digest?: string;
}

/** What the thread's replies go to, per stream. */
interface Listener {
  returned(): void;
  digested(hex: string): void;
  failed(err: Error): void;
}

/** The one hashing thread, started on first use, holding the process open only while in use. */
class HashThread {
  private worker: Worker | null = null;
  private readonly listeners = new Map<number, Listener>();
  private readonly free: ArrayBuffer[] = [];
  private nextId = 1;

  open(listener: Listener): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.thread().ref();
    return id;
  }

  close(id: number, abort: boolean): void {
    if (!this.listeners.delete(id)) return;
    if (abort) this.worker?.postMessage({ id });
    if (this.listeners.size === 0) this.worker?.unref();
  }

  buffer(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(BUFFER_BYTES);
  }

  send(id: number, buffer: ArrayBuffer, length: number): void {
    this.thread().postMessage({ id, buffer, length }, [buffer]);
  }

  end(id: number): void {
    this.thread().postMessage({ id, end: true });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // No execArgv: the thread needs no TypeScript loader hook, which would only slow its start.
    const worker = new Worker(WORKER, { eval: true, execArgv: [] });
    worker.on("message", ({ id, buffer, digest }: Reply) => {
      if (buffer && this.free.length < MAX_FREE) this.free.push(buffer);
      const listener = this.listeners.get(id);
      if (buffer) listener?.returned();
      else if (digest) listener?.digested(digest);
    });
    const died = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null; // the next stream starts a new thread
      const listeners = [...this.listeners.values()];
      this.listeners.clear();
      for (const l of listeners) l.failed(err);
    };
    worker.on("error", died);
    worker.on("exit", (code) => died(new Error(`the SHA-256 thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

const hashThread = new HashThread();

/**
 * A writable that hashes what is written to it on the hashing thread; `digest` is set once it
 * has finished. Pipe a source into it next to its other destinations.
 */
export class Sha256Writable extends Writable {
  /** Hex SHA-256 of everything written, once 'finish' has been emitted. */
  digest: string | null = null;
  private readonly id: number;
  private current: Uint8Array;
  private filled = 0;
  private inFlight = 0;
  /** The write that waits for a buffer to come back before more bytes are taken. */
  private waiting: (() => void) | null = null;
  private finished: ((err?: Error | null) => void) | null = null;

  constructor() {
    super({ highWaterMark: BUFFER_BYTES });
    this.current = new Uint8Array(hashThread.buffer());
    this.id = hashThread.open({
      returned: () => {
        this.inFlight--;
        const resume = this.waiting;
        this.waiting = null;
        resume?.();
      },
      digested: (hex) => {
        this.digest = hex;
        hashThread.close(this.id, false);
        this.finished?.();
      },
      failed: (err) => {
        const cb = this.finished ?? this.waiting;
        this.waiting = this.finished = null;
        if (cb) cb(err);
        else this.destroy(err);
      },
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(chunk.length - at, this.current.length - this.filled);
      this.current.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === this.current.length) this.send();
    }
    if (this.inFlight < MAX_IN_FLIGHT) callback();
    else this.waiting = () => callback();
  }

  override _final(callback: (err?: Error | null) => void): void {
    if (this.filled > 0) this.send();
    this.finished = callback;
    hashThread.end(this.id);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    hashThread.close(this.id, true);
    callback(err);
  }

  private send(): void {
    hashThread.send(this.id, this.current.buffer as ArrayBuffer, this.filled);
    this.inFlight++;
    this.current = new Uint8Array(hashThread.buffer());
    this.filled = 0;
  }
}
