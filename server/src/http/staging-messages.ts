// What the main thread and the staging thread (staging-worker.ts) say to each other about one
// file. Messages of one file arrive in order: open, buffers, then end or abort.

export type StagingRequest =
  { id: number; open: string } | { id: number; buffer: ArrayBuffer; length: number } | { id: number; end: true } | { id: number; abort: true };

export interface StagingReply {
  id: number;
  /** A buffer handed back for reuse (written and hashed, or skipped after a failure). */
  buffer?: ArrayBuffer;
  /** Hex SHA-256 of the whole file, once it is closed. */
  digest?: string;
  error?: { message: string; code?: string };
  aborted?: boolean;
}
