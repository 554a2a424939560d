// Subscription events are executed by graphql-jit (graphql/compiled-operations.ts). A client
// must not be able to tell: every event gives the same result as graphql's own execute() on
// the same schema (for a broken event, the same data and at least the same errors).
import { execute, parse, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../src/events/event-types.js";
import { eventExecutor } from "../../src/graphql/compiled-operations.js";
import { buildAppSchema } from "../../src/graphql/schema.js";

const ALL_FIELDS = `subscription Watch($jobId: ID!, $afterSeq: Int) {
  jobEvents(jobId: $jobId, afterSeq: $afterSeq) {
    __typename jobId seq at kind stage progress message level data
    parallel { stage percent }
    alias: seq
  }
}`;
const FRAGMENT = `subscription ($jobId: ID!) { jobEvents(jobId: $jobId) { ...E } }
fragment E on JobEvent { seq kind ... on JobEvent { message @include(if: true) level @skip(if: true) } }`;

const at = new Date("2026-11-25T08:00:00.123Z");
const events: StoredEvent[] = [
  { jobId: "j1", seq: 1, at, kind: "JOB_STARTED", stage: null, progress: null, message: "started", level: null, data: null },
  {
    jobId: "j1",
    seq: 2,
    at,
    kind: "STAGE_PROGRESS",
    stage: "STEP_EXTRACT",
    progress: 42,
    message: "Meshing «as1» — 42 %",
    level: null,
    data: {
      nested: [1, "two", { three: null }],
      parallel: [
        { stage: "PDF_DEEP", percent: 100 },
        { stage: "STEP_EXTRACT", percent: 42 },
      ],
    },
  },
  { jobId: "j1", seq: 3, at, kind: "LOG", stage: "PDF_BOM", progress: null, message: "warn", level: "WARN", data: "just a string" },
  // Broken payloads: a non-null field missing, an enum value the schema does not have.
  { jobId: "j1", seq: 4, at, kind: "LOG", stage: null, progress: null, message: null as unknown as string, level: null, data: null },
  { jobId: "j1", seq: 5, at, kind: "NOT_A_KIND" as StoredEvent["kind"], stage: null, progress: 1.5, message: "x", level: null, data: null },
];

describe("compiled subscription events", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  for (const [name, text, variableValues] of [
    ["every field, variables", ALL_FIELDS, { jobId: "j1", afterSeq: 3 }],
    ["fragments and directives", FRAGMENT, { jobId: "j1" }],
  ] as const) {
    it(`gives graphql's own result for each event (${name})`, async () => {
      const args: ExecutionArgs = { schema, document: parse(text), variableValues, contextValue: {} };
      const run = eventExecutor(args, text);
      for (const e of events) {
        const ours = JSON.parse(JSON.stringify(await run(e)));
        const theirs = JSON.parse(JSON.stringify(await execute({ ...args, rootValue: e })));
        if (!theirs.errors) expect(ours).toEqual(theirs);
        else {
          // A non-null field's error nulls the whole event: graphql stops at the first such
          // field, graphql-jit also reports the other bad fields of the event.
          expect(ours.data).toEqual(theirs.data);
          for (const err of theirs.errors) expect(ours.errors).toContainEqual(err);
        }
      }
      // Sanity: the broken payloads did produce errors (so errors were compared, not skipped).
      expect((await execute({ ...args, rootValue: events[3] })).errors?.length).toBeGreaterThan(0);
    });
  }
});
