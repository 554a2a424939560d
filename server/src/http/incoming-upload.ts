// One file of a GraphQL multipart request. Its part is written once, as it arrives, to a
// staging file inside STORAGE_DIR (written and hashed off the event loop by the staging
// thread, its first bytes kept), whether or not a resolver has asked for it yet; the resolver
// then renames it into place (same filesystem) or discards it. Backpressure runs from the disk
// write back to the socket.
import fs from "node:fs";
import type { Readable } from "node:stream";
import { StagingWritable } from "./staging-thread.js";

/** How many leading bytes `head()` gives (enough for the magic-byte checks). */
export const HEAD_BYTES = 64;

/** An error with the HTTP status it would answer with (413: over a limit, 400: malformed). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadInfo {
  filename: string;
  mimetype: string;
}

export interface StagedFile {
  size: number;
  sha256: string;
}

type State = "waiting" | "receiving" | "received" | "failed" | "moved";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // nobody may be waiting; the error still reaches whoever asks later
  return { promise, resolve, reject };
}

export class IncomingUpload {
  private readonly begun = deferred<UploadInfo>();
  private readonly headBytes = deferred<Buffer>();
  private readonly done = deferred<StagedFile>();
  private state: State = "waiting";
  private stagingPath: string | null = null;
  private movedTo: string | null = null;
  /** All of the part has come; only the disk write may still be going. */
  private sourceEnded = false;
  /** While receiving: stops writing, keeps draining the part, removes the staging file. */
  private stopWriting: (() => Promise<void>) | null = null;
  private cleanup: Promise<void> = Promise.resolve();

  /** Name and type, once the file's part has begun. */
  info(): Promise<UploadInfo> {
    return this.begun.promise;
  }
  /** The first HEAD_BYTES bytes (fewer if the file is shorter), as soon as they have arrived. */
  head(): Promise<Buffer> {
    return this.headBytes.promise;
  }
  /** Size and SHA-256 once the whole file is on disk. */
  received(): Promise<StagedFile> {
    return this.done.promise;
  }

  /** Parser side: this file's part has begun; write it to `stagingPath`. */
  receive(stream: Readable, info: UploadInfo, stagingPath: string): void {
    // never unhandled, whatever the state; fail() returns the same cleanup promise that the
    // request's release() awaits and logs, so it is not awaited here
    stream.on("error", (err) => void this.fail(err));
    if (this.state !== "waiting") {
      stream.resume(); // discarded before its part came, or a second part with the same name
      return;
    }
    this.state = "receiving";
    this.stagingPath = stagingPath;
    this.begun.resolve(info);
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    // Written and hashed on the staging thread; memory stays bounded: past its buffers the
    // socket is paused.
    const out = new StagingWritable(stagingPath);
    const closed = new Promise<void>((resolve) => out.once("close", resolve));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += head.at(-1)!.length;
        if (headLength === HEAD_BYTES) this.headBytes.resolve(Buffer.concat(head));
      }
    };
    stream.on("data", onData);
    stream.once("end", () => (this.sourceEnded = true));
    stream.pipe(out);
    // busboy's file stream must never be destroyed by us (busboy would wait on it forever):
    // unhook it and let it drain.
    this.stopWriting = async () => {
      stream.unpipe(out);
      stream.off("data", onData);
      stream.resume();
      out.destroy(); // the staging thread removes the file before 'close'
      await closed;
      await fs.promises.rm(stagingPath, { force: true });
    };
    stream.once("limit", () => void this.fail(new HttpError(413, "File truncated as it exceeds the upload size limit.")));
    out.on("error", (err) => {
      if (this.state === "receiving") this.abandon(err); // e.g. disk full
    });
    void closed.then(() => {
      if (this.state !== "receiving" || out.digest === null) return;
      this.state = "received";
      this.headBytes.resolve(Buffer.concat(head));
      this.done.resolve({ size, sha256: out.digest });
    });
  }

  /**
   * Parser side: the request failed (malformed, cut short, over a limit) before this file's
   * part was complete. A file whose part has fully arrived is unaffected.
   */
  fail(err: Error): Promise<void> {
    if (this.state === "waiting" || (this.state === "receiving" && !this.sourceEnded)) this.abandon(err);
    return this.cleanup;
  }

  /** Consumer side: not wanted (rejected, or the request is over): stop and remove it. */
  discard(): Promise<void> {
    if (this.state === "received") {
      this.state = "failed";
      this.cleanup = fs.promises.rm(this.stagingPath!, { force: true });
    } else if (this.state === "waiting" || this.state === "receiving") this.abandon(new Error("The upload was discarded"));
    return this.cleanup;
  }

  /** Moves the received file to `dest` (a rename: staging is on the same filesystem). */
  async moveTo(dest: string): Promise<StagedFile> {
    const staged = await this.received();
    if (this.state === "moved") {
      // The same file mapped to two arguments: the second one gets a copy.
      await fs.promises.copyFile(this.movedTo!, dest, fs.constants.COPYFILE_EXCL);
      return staged;
    }
    if (this.state !== "received") throw new Error("The upload was discarded");
    this.state = "moved"; // claimed before the await, so a concurrent discard leaves it alone
    this.movedTo = dest;
    try {
      await fs.promises.rename(this.stagingPath!, dest);
    } catch (err) {
      await fs.promises.rm(this.stagingPath!, { force: true });
      throw err;
    }
    return staged;
  }

  private abandon(err: Error): void {
    const wasReceiving = this.state === "receiving";
    this.state = "failed";
    this.begun.reject(err);
    this.headBytes.reject(err);
    this.done.reject(err);
    if (wasReceiving) this.cleanup = this.stopWriting!();
  }
}
