// Whole jobs through a real server: multipart upload, then wait for the terminal event over
// graphql-ws. Returns each job's wall time from upload start to its terminal event.
import fs from "node:fs";
import path from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import type { BenchServer } from "../lib/server.js";

const CREATE = `mutation ($pdf: Upload!, $step: Upload!) { createJob(pdf: $pdf, step: $step) { id } }`;
const DONE = `subscription ($jobId: ID!) { jobEvents(jobId: $jobId, afterSeq: 0) { seq kind stage message } }`;

export async function upload(url: string, pdfPath: string, stepPath: string): Promise<string> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: CREATE, variables: { pdf: null, step: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  form.append("0", await fs.openAsBlob(pdfPath), path.basename(pdfPath));
  form.append("1", await fs.openAsBlob(stepPath), path.basename(stepPath));
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  const body = (await res.json()) as { data?: { createJob: { id: string } }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`createJob failed: ${JSON.stringify(body.errors)}`);
  return body.data.createJob.id;
}

export interface JobEventSeen {
  kind: string;
  stage: string | null;
  message: string;
}

/** Resolves with the terminal event's kind once the job ends; `onEvent` sees every event. */
export function waitForEnd(wsUrl: string, jobId: string, onEvent?: (e: JobEventSeen) => void): Promise<string> {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
  return new Promise<string>((resolve, reject) => {
    let last = "";
    let message = "";
    client.subscribe<{ jobEvents: JobEventSeen }>(
      { query: DONE, variables: { jobId } },
      {
        next: (v) => {
          const e = v.data!.jobEvents;
          last = e.kind;
          message = e.message;
          onEvent?.(e);
        },
        error: reject,
        complete: () => (last === "JOB_SUCCEEDED" ? resolve(last) : reject(new Error(`job ${jobId} ended ${last}: ${message}`))),
      },
    );
  }).finally(() => client.dispose());
}

/** Runs `n` jobs at once; per-job wall times (ms) and the total wall time. */
export async function runJobs(server: BenchServer, n: number, pdf: string, step: string): Promise<{ each: number[]; wallMs: number }> {
  const t0 = performance.now();
  const each = await Promise.all(
    Array.from({ length: n }, async () => {
      const t = performance.now();
      const id = await upload(server.url, pdf, step);
      await waitForEnd(server.wsUrl, id);
      return performance.now() - t;
    }),
  );
  return { each, wallMs: performance.now() - t0 };
}
