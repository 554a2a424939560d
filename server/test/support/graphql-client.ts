// Real clients for tests: GraphQL over HTTP (fetch, multipart uploads) and graphql-ws.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GqlResult<T>;
}

export interface UploadFile {
  name: string;
  content: Buffer | string;
  type?: string;
}

function blobPart(c: Buffer | string): string | Uint8Array<ArrayBuffer> {
  return typeof c === "string" ? c : new Uint8Array(c);
}

const CREATE_JOB = `mutation ($pdf: Upload!, $step: Upload!) { createJob(pdf: $pdf, step: $step) { id status } }`;

/** createJob per the GraphQL multipart request spec, with Apollo's CSRF preflight header. */
export async function uploadJob(
  url: string,
  pdf: UploadFile,
  step: UploadFile,
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
) {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: CREATE_JOB, variables: { pdf: null, step: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  form.append("0", new Blob([blobPart(pdf.content)], { type: pdf.type ?? "application/pdf" }), pdf.name);
  form.append("1", new Blob([blobPart(step.content)], { type: step.type ?? "application/octet-stream" }), step.name);
  const res = await fetch(url, { method: "POST", body: form, headers });
  return { status: res.status, body: (await res.json()) as GqlResult<{ createJob: { id: string; status: string } }> };
}

export function wsClient(wsUrl: string, opts: { lazy?: boolean } = {}): Client {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: opts.lazy ?? true, retryAttempts: 0 });
}
