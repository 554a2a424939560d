// The ManualForge SDK: one urql client (HTTP for queries/mutations, multipart for uploads,
// graphql-ws for subscriptions) and typed helpers. The same code runs in Node and in browsers.
import { Client, fetchExchange, subscriptionExchange, type AnyVariables, type OperationResult, type TypedDocumentNode } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";
import WebSocketNode from "ws";
import { fromCombinedError, ManualForgeError, unreachable } from "./errors.js";
import {
  CancelJobDocument,
  CreateJobDocument,
  DeleteJobDocument,
  ErrorCodesDocument,
  JobCountsDocument,
  GetJobDocument,
  JobEventsPageDocument,
  ListJobsDocument,
  RetryJobDocument,
} from "./generated/graphql.js";
import type { JobCounts, JobEvent, JobPage, ManualForgeClient } from "./types.js";
import { watchJob } from "./watch.js";
import { watchJobs } from "./watch-jobs.js";

export interface ClientOptions {
  /** Server base URL or GraphQL endpoint: http://host:4000 or http://host:4000/graphql. */
  url: string;
  /** API key, sent as `Authorization: Bearer <key>` over HTTP and in graphql-ws connectionParams. */
  apiKey?: string;
  /** WebSocket class; defaults to the global one (browsers, Node ≥ 22) or the `ws` package. */
  webSocketImpl?: unknown;
  fetch?: typeof fetch;
}

/** http://h:4000 → http://h:4000/graphql; keeps an explicit path. */
export function endpointOf(url: string): string {
  const u = new URL(url);
  if (u.pathname === "/" || u.pathname === "") u.pathname = "/graphql";
  return u.toString();
}

export function createManualForgeClient(opts: ClientOptions): ManualForgeClient {
  const url = endpointOf(opts.url);
  const wsUrl = url.replace(/^http/, "ws");
  const auth = opts.apiKey ? `Bearer ${opts.apiKey}` : undefined;
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  // retryAttempts 0: watchJob resumes itself with afterSeq (graphql-ws would resend the old one).
  const ws = createWsClient({
    url: wsUrl,
    webSocketImpl: opts.webSocketImpl ?? globalThis.WebSocket ?? WebSocketNode,
    connectionParams: auth ? { authorization: auth } : {},
    lazy: true,
    retryAttempts: 0,
  });
  let connected = false;
  ws.on("connected", () => (connected = true));
  ws.on("closed", () => (connected = false));
  const urql = new Client({
    url,
    fetch: doFetch,
    requestPolicy: "network-only",
    // Apollo's CSRF guard wants this header on multipart uploads; it is harmless elsewhere.
    fetchOptions: () => ({ headers: { "apollo-require-preflight": "true", ...(auth ? { authorization: auth } : {}) } }),
    exchanges: [
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
      fetchExchange,
    ],
  });

  function data<D>(result: OperationResult<D, AnyVariables>): D {
    if (result.error) throw fromCombinedError(result.error, url);
    if (!result.data) throw new ManualForgeError(`Empty answer from ${url}`, "NETWORK");
    return result.data;
  }
  const query = async <D, V extends AnyVariables>(doc: TypedDocumentNode<D, V>, vars: V) => data(await urql.query(doc, vars).toPromise());
  const mutate = async <D, V extends AnyVariables>(doc: TypedDocumentNode<D, V>, vars: V) => data(await urql.mutation(doc, vars).toPromise());

  const client: ManualForgeClient = {
    url,
    wsUrl,
    urql,
    ws,
    async submitJob({ pdf, step, steps, webhookUrl, ocrLanguages }) {
      const langs = ocrLanguages?.length ? ocrLanguages : null;
      return (
        await mutate(CreateJobDocument, { pdf, step, steps: steps?.length ? steps : null, webhookUrl: webhookUrl ?? null, ocrLanguages: langs })
      ).createJob;
    },
    async getJob(id) {
      return (await query(GetJobDocument, { id })).job;
    },
    async listJobs({ status, needsReview, first = 20, after, search } = {}) {
      return (
        await query(ListJobsDocument, {
          status: status ?? null,
          needsReview: needsReview ?? null,
          first,
          after: after ?? null,
          search: search || null,
        })
      ).jobs;
    },
    async jobCounts({ search } = {}) {
      return (await query(JobCountsDocument, { search: search || null })).jobCounts;
    },
    async errorCodes() {
      return (await query(ErrorCodesDocument, {})).errorCodes;
    },
    async deleteJob(id) {
      await mutate(DeleteJobDocument, { id });
    },
    watchJobs(watchOpts) {
      return watchJobs(client, watchOpts);
    },
    isConnected: () => connected,
    async events(jobId, { afterSeq = 0, first = 500 } = {}) {
      return (await query(JobEventsPageDocument, { jobId, afterSeq, first })).events;
    },
    async cancelJob(id) {
      return (await mutate(CancelJobDocument, { id })).cancelJob;
    },
    async retryJob(id, { fromStage } = {}) {
      return (await mutate(RetryJobDocument, { id, fromStage: fromStage ?? null })).retryJob;
    },
    watchJob(jobId, watchOpts) {
      return watchJob(client, jobId, watchOpts);
    },
    async downloadArtifact(jobIdOrUrl, name) {
      const target = name ? new URL(`/artifacts/${encodeURIComponent(jobIdOrUrl)}/${encodeURIComponent(name)}`, url).toString() : jobIdOrUrl;
      let res: Response;
      try {
        res = await doFetch(target, { headers: auth ? { authorization: auth } : {} });
      } catch (err) {
        throw unreachable(target, err);
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new ManualForgeError(body?.error?.message ?? `HTTP ${res.status} for ${target}`, body?.error?.code ?? `HTTP_${res.status}`);
      }
      const fileName = name ?? decodeURIComponent(new URL(target).pathname.split("/").pop() ?? "artifact");
      return {
        name: fileName,
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        bytes: new Uint8Array(await res.arrayBuffer()),
      };
    },
    async close() {
      await ws.dispose();
    },
  };
  return client;
}

/** Bytes + a file name → an upload (File keeps the name the server checks the type by). */
export function fileFrom(
  bytes: Uint8Array | string,
  name: string,
  type = name.toLowerCase().endsWith(".pdf") ? "application/pdf" : "application/octet-stream",
): File {
  return new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type });
}
