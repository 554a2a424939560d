// The SDK's public types, in a leaf module: client.ts builds a ManualForgeClient from watch.ts and
// watch-jobs.ts, which take one as an argument; with the types here none of them imports another
// back (import cycles, even type-only ones, are checked by `npm run lint`).
import type { Client } from "@urql/core";
import type { Client as WsClient } from "graphql-ws";
import type {
  ErrorCodesQuery,
  EventFieldsFragment,
  JobCountsQuery,
  JobDetailFragment,
  JobsChangedSubscription,
  JobStatus,
  JobSummaryFragment,
  ListJobsQuery,
  Stage,
} from "./generated/graphql.js";

export type JobEvent = EventFieldsFragment;
export type JobPage = ListJobsQuery["jobs"];
export type JobCounts = JobCountsQuery["jobCounts"];
export type ErrorCatalogue = ErrorCodesQuery["errorCodes"];

export interface ManualForgeClient {
  readonly url: string;
  readonly wsUrl: string;
  readonly urql: Client;
  readonly ws: WsClient;
  /**
   * webhookUrl: POSTed, signed, when the job ends (the server needs WEBHOOK_SECRET; see verifyWebhook).
   * ocrLanguages: tesseract languages for a drawing without a text layer (["eng", "deu"]); one the
   * server lacks → ManualForgeError BAD_USER_INPUT naming the available ones.
   */
  submitJob(input: { pdf: Blob; step: Blob; steps?: Blob[]; webhookUrl?: string; ocrLanguages?: string[] }): Promise<JobSummaryFragment>;
  getJob(id: string): Promise<JobDetailFragment | null>;
  /**
   * Newest first; `search` matches input file names (case-insensitive); needsReview: true = only
   * jobs whose result needs review, false = only the others.
   */
  listJobs(opts?: { status?: JobStatus; needsReview?: boolean; first?: number; after?: string; search?: string }): Promise<JobPage>;
  /** How many jobs per status (same `search` as listJobs). */
  jobCounts(opts?: { search?: string }): Promise<JobCounts>;
  /** The server's error catalogue: every job failure code and API error code, each with what it means. */
  errorCodes(): Promise<ErrorCatalogue>;
  /** Deletes a job that is not running, with its files; JOB_STATE_CONFLICT while it runs. */
  deleteJob(id: string): Promise<void>;
  /** Status changes and deletions of the caller's jobs, live, reconnecting with backoff (see WatchJobsOptions). */
  watchJobs(opts?: WatchJobsOptions): AsyncGenerator<JobChange, void, undefined>;
  /** Whether the WebSocket is up right now. */
  isConnected(): boolean;
  /** Stored events with seq > afterSeq (one page). */
  events(jobId: string, opts?: { afterSeq?: number; first?: number }): Promise<JobEvent[]>;
  cancelJob(id: string): Promise<JobSummaryFragment>;
  retryJob(id: string, opts?: { fromStage?: Stage }): Promise<JobSummaryFragment>;
  /** Every event after afterSeq, live, in seq order with no gap or duplicate across reconnects. */
  watchJob(jobId: string, opts?: WatchOptions): AsyncGenerator<JobEvent, void, undefined>;
  /** An artifact by job id + name, or by its absolute URL (job.manualUrl, artifact.url). */
  downloadArtifact(jobIdOrUrl: string, name?: string): Promise<{ name: string; contentType: string; bytes: Uint8Array }>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Start after this seq (0 = from the first event). */
  afterSeq?: number;
  /** Give up after this many reconnects in a row without a new event. Default 10. */
  maxRetries?: number;
  /** Called before each resubscribe, e.g. to show "reconnecting…". */
  onRetry?: (info: { attempt: number; afterSeq: number; reason: string }) => void;
  signal?: AbortSignal;
}

export type JobChange = JobsChangedSubscription["jobsChanged"];

export interface WatchJobsOptions {
  /** Called after each (re)subscribe: re-read the list then (`first` is true the first time). */
  onSubscribed?: (info: { first: boolean }) => void;
  /** Called before each reconnect attempt. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /** Give up after this many failed reconnects in a row. Default: never. */
  maxRetries?: number;
  /** Longest wait between reconnects. Default 5000 ms. */
  maxDelayMs?: number;
  signal?: AbortSignal;
}
