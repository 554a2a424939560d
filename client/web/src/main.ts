// Entry: one SDK client for this origin (the API server serves this page, or Vite proxies to
// it), the job manager, the upload form, and the job view chosen by the URL hash (#job=<id>).
import { createManualForgeClient, type ManualForgeClient } from "../../src/sdk/index.js";
import { $ } from "./dom.js";
import { mountJobList } from "./job-list.js";
import { showJob } from "./job-view.js";
import { mountUpload } from "./upload.js";
import { uploadJob } from "./upload-request.js";
import "./style.css";

const KEY_STORE = "manualforge.apiKey";
const keyInput = $<HTMLInputElement>("#api-key");
keyInput.value = localStorage.getItem(KEY_STORE) ?? "";
const apiKey = () => keyInput.value.trim() || undefined;
const endpoint = new URL("/graphql", location.href).toString();

let client: ManualForgeClient = connect();
function connect(): ManualForgeClient {
  return createManualForgeClient({ url: endpoint, apiKey: apiKey() });
}
keyInput.addEventListener("change", () => {
  localStorage.setItem(KEY_STORE, keyInput.value.trim());
  void client.close();
  client = connect();
  route();
  list.restart();
});

const jobIdFromHash = () => new URLSearchParams(location.hash.slice(1)).get("job");
const list = mountJobList($("#jobs"), {
  client: () => client,
  currentId: jobIdFromHash,
  connection: $("#connection"),
  onDeleted: (id) => {
    if (id === jobIdFromHash()) location.hash = "";
  },
});

mountUpload($("#upload"), async (files, onProgress) => {
  const job = await uploadJob(endpoint, files, { apiKey: apiKey(), onProgress });
  location.hash = `job=${encodeURIComponent(job.id)}`;
});

let stop: (() => void) | null = null;
function route() {
  stop?.();
  stop = null;
  const jobId = jobIdFromHash();
  const jobEl = $("#job");
  jobEl.hidden = !jobId;
  $("#upload").hidden = !!jobId;
  if (jobId) stop = showJob(client, jobEl, jobId);
  void list.refresh();
}
window.addEventListener("hashchange", route);
route();
