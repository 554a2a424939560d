// What the explorer opens with: watching a job live, uploading one, and the job list.
export const DEFAULT_HEADERS = JSON.stringify({ "apollo-require-preflight": "true" }, null, 2);

export const TABS = [
  {
    query: `# Every event of a job, live: stored ones first, then new ones (graphql-ws).
# Paste a job id into the variables below, then run.
subscription WatchJob($jobId: ID!, $afterSeq: Int = 0) {
  jobEvents(jobId: $jobId, afterSeq: $afterSeq) {
    seq
    at
    kind
    stage
    progress
    level
    message
  }
}
`,
    variables: JSON.stringify({ jobId: "paste-a-job-id", afterSeq: 0 }, null, 2),
    headers: DEFAULT_HEADERS,
  },
  {
    query: `# Upload: choose the drawing PDF and the STEP assembly in the bar above, then run.
# The explorer sends a GraphQL multipart request (files for $pdf and $step) with the
# apollo-require-preflight header. Copy the returned id into the WatchJob tab.
mutation CreateJob($pdf: Upload!, $step: Upload!) {
  createJob(pdf: $pdf, step: $step) {
    id
    status
    inputs { role originalName size }
  }
}
`,
    variables: "{}",
    headers: DEFAULT_HEADERS,
  },
  {
    query: `query RecentJobs {
  jobs(first: 10) {
    totalCount
    edges { node { id status createdAt manualUrl errorCode } }
  }
}
`,
    headers: DEFAULT_HEADERS,
  },
];
