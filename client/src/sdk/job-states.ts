// When a job is over. A job's event log ends with one of TERMINAL_KINDS (a retry may reopen it
// with JOB_QUEUED), and that event leaves the job in the matching one of FINAL_STATUSES. The
// server keeps the same two sets in server/src/events/event-types.ts; a server test
// (server/test/events/job-states.test.ts) checks that they agree.
import type { EventKind, JobStatus } from "./generated/graphql.js";

export const TERMINAL_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(["JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED"]);

export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(["SUCCEEDED", "FAILED", "CANCELLED"]);
