// The server and the SDK decide "this job is over" from the same sets: the kinds that close an
// event log, and the statuses those events leave a job in. The SDK cannot import server code,
// so each keeps its own copy and this test holds them together (and to the schema's enums).
import { describe, expect, it } from "vitest";
import { FINAL_STATUSES as SDK_FINAL_STATUSES, TERMINAL_KINDS as SDK_TERMINAL_KINDS } from "../../../client/src/sdk/job-states.js";
import { FINAL_STATUSES, TERMINAL_KINDS } from "../../src/events/event-types.js";
import { EventKind, JobStatus } from "../../src/graphql/types/enums.js";

const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe("job end sets", () => {
  it("are the same in the server and the SDK", () => {
    expect(sorted(SDK_TERMINAL_KINDS)).toEqual(sorted(TERMINAL_KINDS));
    expect(sorted(SDK_FINAL_STATUSES)).toEqual(sorted(FINAL_STATUSES));
  });

  it("are values of the schema's enums, each terminal kind naming its final status", () => {
    for (const k of TERMINAL_KINDS) expect(Object.values(EventKind)).toContain(k);
    for (const s of FINAL_STATUSES) expect(Object.values(JobStatus)).toContain(s);
    expect(sorted(new Set([...TERMINAL_KINDS].map((k) => k.replace(/^JOB_/, ""))))).toEqual(sorted(FINAL_STATUSES));
  });
});
