// Uploaded files are written to their staging file and hashed (SHA-256) on a thread of their
// own. During a 200 MB upload the event loop was 100 % busy and set the upload's pace: hashing
// was a third of its time and the write stream's bookkeeping most of what remained beside
// reading the socket (measured). The bytes are copied into 1 MiB buffers that are transferred
// to the thread, written and hashed there, and transferred back for reuse (a copy costs a tenth
// of the hash). A stream stops taking bytes while too many of its buffers are out, so a slow
// disk pauses the socket instead of queueing the file in memory. The thread runs
// staging-worker.ts, found like the pool's worker (pool/worker-entry.ts): compiled JavaScript
// in dist/ and in tests, its .ts source through swc's loader under `npm run dev`.
import { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { workerEntry } from "../pool/worker-entry.js";
import type { StagingReply, StagingRequest } from "./staging-messages.js";

/** Bytes per buffer sent to the thread. */
const BUFFER_BYTES = 1 << 20;
/** Buffers one stream may have at the thread before it stops taking bytes (8 MiB). */
const MAX_IN_FLIGHT = 8;
/** Returned buffers kept for reuse, across streams. */
const MAX_FREE = 16;

/** What the thread's replies go to, per file. */
interface Listener {
  returned(): void;
  digested(hex: string): void;
  failed(err: Error): void;
  aborted(): void;
}

/** The one staging thread, started on first use, holding the process open only while in use. */
class StagingThread {
  private worker: Worker | null = null;
  private readonly listeners = new Map<number, Listener>();
  private readonly free: ArrayBuffer[] = [];
  private nextId = 1;
  /** config.workerBuild (see pool/worker-entry.ts). */
  workerBuild: string | null = null;

  open(path: string, listener: Listener): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    const worker = this.thread();
    worker.ref();
    this.post({ id, open: path });
    return id;
  }

  /** The file's last message was answered. */
  done(id: number): void {
    this.listeners.delete(id);
    if (this.listeners.size === 0) this.worker?.unref();
  }

  buffer(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(BUFFER_BYTES);
  }

  // Only open() starts a thread: a file whose thread died has been failed already (see died).
  send(id: number, buffer: ArrayBuffer, length: number): void {
    this.post({ id, buffer, length }, [buffer]);
  }

  end(id: number): void {
    this.post({ id, end: true });
  }

  abort(id: number): void {
    this.post({ id, abort: true });
  }

  private post(m: StagingRequest, transfer: ArrayBuffer[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { filename, execArgv } = workerEntry(import.meta.url, "./staging-worker", this.workerBuild);
    const worker = new Worker(new URL(filename), { execArgv });
    worker.on("message", ({ id, buffer, digest, error, aborted }: StagingReply) => {
      if (buffer && this.free.length < MAX_FREE) this.free.push(buffer);
      const listener = this.listeners.get(id);
      if (!listener) return;
      if (buffer) listener.returned();
      else if (digest) listener.digested(digest);
      else if (error) listener.failed(Object.assign(new Error(error.message), { code: error.code }));
      else if (aborted) listener.aborted();
    });
    const died = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null; // the next file starts a new thread
      const listeners = [...this.listeners.values()];
      this.listeners.clear();
      // Nothing more will come from it: fail each file and let its destroy finish at once.
      for (const l of listeners) {
        l.failed(err);
        l.aborted();
      }
    };
    worker.on("error", died);
    worker.on("exit", (code) => died(new Error(`the staging thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

const stagingThread = new StagingThread();

/** Where the thread's compiled entry is (config.workerBuild); applies to the next thread started. */
export function configureStagingThread(workerBuild: string | null): void {
  stagingThread.workerBuild = workerBuild;
}

/**
 * A writable that writes to a new file at `path` (it must not exist) and hashes what it
 * writes, both on the staging thread. `digest` is set once it has finished. Destroying it
 * before the thread has closed the file removes the file ('close' comes after); a file the
 * thread had already closed stays, with `digest` set.
 */
export class StagingWritable extends Writable {
  /** Hex SHA-256 of everything written, once 'finish' has been emitted. */
  digest: string | null = null;
  private readonly id: number;
  private current: Uint8Array;
  private filled = 0;
  private inFlight = 0;
  /** The write that waits for a buffer to come back before more bytes are taken. */
  private waiting: (() => void) | null = null;
  private finished: ((err?: Error | null) => void) | null = null;
  private removed: (() => void) | null = null;
  private settled = false;

  constructor(path: string) {
    super({ highWaterMark: BUFFER_BYTES });
    this.current = new Uint8Array(stagingThread.buffer());
    this.id = stagingThread.open(path, {
      returned: () => {
        this.inFlight--;
        const resume = this.waiting;
        this.waiting = null;
        resume?.();
      },
      digested: (hex) => {
        this.digest = hex;
        this.settle();
        // Destroyed while its end was on the way: the file is whole and stays (the caller
        // removes it); the thread will not answer the abort for a file it has closed.
        const removed = this.removed;
        this.removed = null;
        if (removed) removed();
        else this.finished?.();
      },
      failed: (err) => {
        // The thread keeps the file until it is told to abort (destroy does).
        const cb = this.finished ?? this.waiting;
        this.waiting = this.finished = null;
        if (cb) cb(err);
        else this.destroy(err);
      },
      aborted: () => {
        this.settle();
        this.removed?.();
      },
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    for (let at = 0; at < chunk.length;) {
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
    stagingThread.end(this.id);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    if (this.settled) return callback(err);
    // Not finished: the thread closes and removes the file; 'close' waits for that.
    this.removed = () => callback(err);
    stagingThread.abort(this.id);
  }

  private settle(): void {
    this.settled = true;
    stagingThread.done(this.id);
  }

  private send(): void {
    stagingThread.send(this.id, this.current.buffer as ArrayBuffer, this.filled);
    this.inFlight++;
    this.current = new Uint8Array(stagingThread.buffer());
    this.filled = 0;
  }
}
