// Self-hosted GraphiQL for ManualForge, bundled by Vite from npm (no CDN: works offline).
// Queries and mutations go over HTTP, subscriptions over graphql-ws; an operation that declares
// Upload variables is sent as a GraphQL multipart request with the files chosen in the bar.
import { createGraphiQLFetcher, type Fetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { DEFAULT_HEADERS, TABS } from "./tabs.js";

const url = new URL("/graphql", location.href).href;
const base = createGraphiQLFetcher({ url, subscriptionUrl: url.replace(/^http/, "ws") });
const files: Record<string, File | undefined> = {};

const fetcher: Fetcher = (params, opts) => {
  const chosen = Object.entries(files).filter((e): e is [string, File] => !!e[1] && new RegExp(`\\$${e[0]}\\s*:\\s*Upload`).test(params.query));
  if (!chosen.length) return base(params, opts);
  const variables: Record<string, unknown> = { ...(params.variables ?? {}) };
  const map: Record<string, string[]> = {};
  chosen.forEach(([name], i) => {
    variables[name] = null;
    map[i] = [`variables.${name}`];
  });
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: params.query, operationName: params.operationName, variables }));
  form.append("map", JSON.stringify(map));
  chosen.forEach(([, file], i) => form.append(String(i), file, file.name));
  const headers: Record<string, string> = { ...((opts?.headers as Record<string, string>) ?? {}), "apollo-require-preflight": "true" };
  delete headers["content-type"];
  return fetch(url, { method: "POST", body: form, headers }).then((r) => r.json());
};

function fileInput(name: string, accept: string) {
  return h(
    "label",
    { className: "mf-file" },
    `$${name} `,
    h("input", { type: "file", accept, "data-variable": name, onChange: (e: { target: HTMLInputElement }) => (files[name] = e.target.files?.[0]) }),
  );
}

const style = document.createElement("style");
style.textContent = `html, body, #explorer { height: 100%; margin: 0; }
#explorer { display: flex; flex-direction: column; }
.mf-bar { display: flex; gap: 1.5rem; align-items: center; padding: .4rem .8rem; font: 14px system-ui, sans-serif; border-bottom: 1px solid #ddd; }
.mf-bar strong { margin-right: .5rem; }
.mf-main { flex: 1; min-height: 0; }`;
document.head.append(style);

createRoot(document.getElementById("explorer")!).render(
  h(
    "div",
    { style: { display: "contents" } },
    h(
      "div",
      { className: "mf-bar" },
      h("strong", null, "ManualForge"),
      "Files for uploads:",
      fileInput("pdf", ".pdf,application/pdf"),
      fileInput("step", ".step,.stp,.zip"),
    ),
    h(
      "div",
      { className: "mf-main" },
      h(GraphiQL, { fetcher, defaultTabs: TABS, defaultHeaders: DEFAULT_HEADERS, defaultEditorToolsVisibility: true, shouldPersistHeaders: false }),
    ),
  ),
);
