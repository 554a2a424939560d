// The staging thread (see staging-thread.ts): writes each uploaded file to its staging path and
// hashes it, one message at a time. Node built-ins only, so the thread starts fast.
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import { parentPort } from "node:worker_threads";
import type { StagingReply, StagingRequest } from "./staging-messages.js";

interface OpenFile {
  path: string;
  fd: number;
  hash: Hash;
  failed: boolean;
}

const port = parentPort!;
const files = new Map<number, OpenFile>();
const reply = (m: StagingReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// After a failure the file stays open until its abort (the writable's destroy) removes it.
function fail(id: number, f: OpenFile, err: unknown): void {
  f.failed = true;
  const e = err as NodeJS.ErrnoException;
  reply({ id, error: { message: e.message, code: e.code } });
}

port.on("message", (m: StagingRequest) => {
  const { id } = m;
  if ("open" in m) {
    const f: OpenFile = { path: m.open, fd: -1, hash: createHash("sha256"), failed: false };
    files.set(id, f);
    try {
      f.fd = fs.openSync(m.open, "wx");
    } catch (err) {
      fail(id, f, err);
    }
    return;
  }
  const f = files.get(id);
  if ("buffer" in m) {
    if (f && !f.failed) {
      const bytes = new Uint8Array(m.buffer, 0, m.length);
      try {
        for (let at = 0; at < m.length;) at += fs.writeSync(f.fd, bytes, at, m.length - at);
        f.hash.update(bytes);
      } catch (err) {
        fail(id, f, err);
      }
    }
    reply({ id, buffer: m.buffer }, [m.buffer]);
  } else if ("end" in m) {
    if (!f || f.failed) return;
    try {
      fs.closeSync(f.fd);
    } catch (err) {
      return fail(id, f, err);
    }
    f.fd = -1;
    files.delete(id);
    reply({ id, digest: f.hash.digest("hex") });
  } else {
    files.delete(id);
    if (f && f.fd >= 0) {
      try {
        fs.closeSync(f.fd);
      } catch {
        // closing is best effort: the file is removed next
      }
      try {
        fs.unlinkSync(f.path);
      } catch {
        // already gone
      }
    }
    reply({ id, aborted: true });
  }
});
