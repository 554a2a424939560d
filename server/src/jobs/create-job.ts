// Upload → stored files → job row (QUEUED) with its first event, in one transaction.
// If any file is rejected, everything written for this request is removed before the error
// is answered (the files still arriving included).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import type { IncomingUpload } from "../http/incoming-upload.js";
import { inputsDir, jobDir } from "./job-paths.js";
import { saveUpload, type SavedFile } from "./save-upload.js";

/** Job ids whose files are being received here: their folder has no job row yet (orphan-dirs.ts). */
export const uploadsInFlight = new Set<string>();

export interface CreateJobDeps {
  db: Db;
  events: EventLog;
  storageDir: string;
  onQueued: () => void;
}

export async function createJob(
  deps: CreateJobDeps,
  pdf: IncomingUpload,
  steps: IncomingUpload[],
  ownerKey: string | null,
  extra: { webhookUrl?: string | null; ocrLanguages?: string | null } = {},
): Promise<string> {
  const jobId = randomUUID();
  const dir = inputsDir(deps.storageDir, jobId);
  const saved: SavedFile[] = [];
  uploadsInFlight.add(jobId);
  try {
    // One at a time: every file is already being written to staging as it arrives, in
    // whatever order the client sends them; this only waits for each and moves it in.
    saved.push(await saveUpload(pdf, "PDF", dir, 0));
    for (const [i, s] of steps.entries()) saved.push(await saveUpload(s, "STEP", dir, i + 1));
    await deps.events.append(
      jobId,
      {
        kind: "JOB_QUEUED",
        message: `Queued with ${saved.map((f) => f.originalName).join(", ")}`,
        data: { files: saved.map((f) => ({ role: f.role, name: f.originalName, size: f.size, sha256: f.sha256 })) },
      },
      (tx) =>
        tx.job.create({
          data: {
            id: jobId,
            status: "QUEUED",
            ownerKey,
            webhookUrl: extra.webhookUrl ?? null,
            ocrLanguages: extra.ocrLanguages ?? null,
            inputs: { create: saved.map((f) => ({ id: randomUUID(), ...f })) },
          },
        }),
    );
  } catch (err) {
    await Promise.all([pdf, ...steps].map((u) => u.discard()));
    await fs.promises.rm(jobDir(deps.storageDir, jobId), { recursive: true, force: true });
    throw err;
  } finally {
    uploadsInFlight.delete(jobId);
  }
  deps.onQueued();
  return jobId;
}
