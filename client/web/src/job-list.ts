// The job manager in the sidebar: status tabs with counts, search by file name, pages of jobs
// (each labelled with its drawing and STEP names) with retry / cancel / delete, kept live by the
// jobsChanged subscription (no polling). The feed reconnects with backoff for as long as the page
// is open; after every (re)connect the page and counts are read again, since changes made while
// disconnected are not replayed.
import type { JobCounts, JobStatus, JobSummary, ManualForgeClient } from "../../src/sdk/index.js";
import { h, relTime } from "./dom.js";

/** Jobs per page: 20, or ?pageSize=N in the page URL (1–100). */
const PAGE = Math.min(100, Math.max(1, Number(new URLSearchParams(location.search).get("pageSize")) || 20));
const TABS: Array<{ key: keyof JobCounts; status: JobStatus | null; label: string }> = [
  { key: "all", status: null, label: "All" },
  { key: "queued", status: "QUEUED", label: "Queued" },
  { key: "running", status: "RUNNING", label: "Running" },
  { key: "succeeded", status: "SUCCEEDED", label: "Done" },
  { key: "failed", status: "FAILED", label: "Failed" },
  { key: "cancelled", status: "CANCELLED", label: "Cancelled" },
];
const STATUS_TEXT: Record<JobStatus, string> = { QUEUED: "queued", RUNNING: "running", SUCCEEDED: "done", FAILED: "failed", CANCELLED: "cancelled" };

export interface JobListOptions {
  client: () => ManualForgeClient;
  currentId: () => string | null;
  /** Shown in the connection line: "live", "reconnecting in 2 s…". */
  connection: HTMLElement;
  /** A job the page shows was deleted. */
  onDeleted?: (jobId: string) => void;
}

export function mountJobList(root: HTMLElement, o: JobListOptions) {
  const state = { status: null as JobStatus | null, search: "", cursors: [] as (string | null)[], counts: null as JobCounts | null };
  const search = h("input", {
    type: "search",
    id: "job-search",
    placeholder: "Search file names",
    "aria-label": "Search jobs by file name",
    autocomplete: "off",
  });
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Job status" });
  const list = h("ul", { id: "job-list", class: "job-list", "aria-label": "Jobs" });
  const prev = h("button", { type: "button", id: "jobs-prev", class: "small" }, "‹ Newer");
  const next = h("button", { type: "button", id: "jobs-next", class: "small" }, "Older ›");
  const pageInfo = h("span", { class: "muted", id: "jobs-page" });
  const error = h("p", { class: "form-error", role: "alert" });
  root.replaceChildren(search, tabs, list, h("div", { class: "pager" }, prev, pageInfo, next), error);

  let debounce = 0;
  search.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = window.setTimeout(() => {
      state.search = search.value.trim();
      state.cursors = [];
      void refresh();
    }, 250);
  });
  prev.addEventListener("click", () => {
    state.cursors.pop();
    void refresh();
  });
  let endCursor: string | null = null;
  next.addEventListener("click", () => {
    state.cursors.push(endCursor);
    void refresh();
  });

  function renderTabs() {
    tabs.replaceChildren(
      ...TABS.map((t) => {
        const selected = state.status === t.status;
        const count = state.counts?.[t.key];
        return h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "tab",
            "aria-selected": String(selected),
            "data-tab": t.status ?? "ALL",
            tabindex: selected ? 0 : -1,
            onclick: () => selectTab(t.status),
          },
          t.label,
          h("span", { class: "tab-count", "data-count": t.key }, count === undefined ? "" : String(count)),
        );
      }),
    );
  }
  // Arrow keys move between tabs (the tablist pattern); Tab leaves the list.
  tabs.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = TABS.findIndex((t) => t.status === state.status);
    const j = (i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    selectTab(TABS[j]!.status);
    tabs.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  });
  function selectTab(status: JobStatus | null) {
    state.status = status;
    state.cursors = [];
    renderTabs();
    void refresh();
  }

  const act = (label: string, id: string, run: () => Promise<unknown>) =>
    h(
      "button",
      {
        type: "button",
        class: "small",
        "data-action": id,
        "aria-label": label,
        onclick: () =>
          void run().then(
            () => refresh(),
            (e: Error) => (error.textContent = e.message),
          ),
      },
      label.split(" ")[0]!,
    );

  function item(j: JobSummary): HTMLElement {
    const pdf = j.inputs.find((i) => i.role === "PDF")?.originalName ?? "(no drawing)";
    const steps =
      j.inputs
        .filter((i) => i.role === "STEP")
        .map((i) => i.originalName)
        .join(", ") || "(no STEP)";
    const mf = o.client();
    const name = `${pdf} + ${steps}`;
    const actions = [
      j.status === "QUEUED" || j.status === "RUNNING" ? act(`Cancel ${name}`, "cancel", () => mf.cancelJob(j.id)) : null,
      j.status === "FAILED" || j.status === "CANCELLED" ? act(`Retry ${name}`, "retry", () => mf.retryJob(j.id)) : null,
      j.status !== "RUNNING"
        ? act(`Delete ${name}`, "delete", async () => {
            if (!confirm(`Delete the job for ${name} and its files?`)) return;
            await mf.deleteJob(j.id);
            o.onDeleted?.(j.id);
          })
        : null,
    ];
    return h(
      "li",
      { class: j.id === o.currentId() ? "current" : "", "data-job": j.id, "data-status": j.status },
      h(
        "a",
        { href: `#job=${encodeURIComponent(j.id)}`, "aria-current": j.id === o.currentId() ? "page" : null },
        h("span", { class: "job-name", title: pdf }, pdf),
        h("span", { class: `pill pill-${j.status.toLowerCase()}` }, STATUS_TEXT[j.status]),
        h("span", { class: "job-step muted", title: steps }, steps),
        h("span", { class: "job-when muted" }, relTime(j.createdAt)),
      ),
      h("div", { class: "job-item-actions" }, ...actions),
    );
  }

  let generation = 0;
  async function refresh() {
    const mine = ++generation; // a slower, older answer never overwrites a newer one
    const mf = o.client();
    try {
      const after = state.cursors.at(-1) ?? undefined;
      const [page, counts] = await Promise.all([
        mf.listJobs({ status: state.status ?? undefined, search: state.search || undefined, first: PAGE, after }),
        mf.jobCounts({ search: state.search || undefined }),
      ]);
      if (mine !== generation) return;
      error.textContent = "";
      state.counts = counts;
      renderTabs();
      endCursor = page.pageInfo.endCursor;
      list.replaceChildren(
        ...(page.edges.length
          ? page.edges.map((e) => item(e.node))
          : [h("li", { class: "muted empty" }, state.search ? "No job matches." : "No jobs here.")]),
      );
      const from = state.cursors.length * PAGE;
      pageInfo.textContent = page.totalCount ? `${from + 1}–${from + page.edges.length} of ${page.totalCount}` : "";
      prev.disabled = state.cursors.length === 0;
      next.disabled = !page.pageInfo.hasNextPage;
    } catch (err) {
      if (mine === generation) error.textContent = (err as Error).message;
    }
  }

  // Live: one feed per client; a change re-reads the visible page (cheap: one page + counts),
  // coalesced so a burst of changes costs one read.
  let feed: AbortController | null = null;
  let pending = 0;
  const soon = () => (pending ||= window.setTimeout(() => ((pending = 0), void refresh()), 100));
  async function live() {
    feed?.abort();
    const abort = (feed = new AbortController());
    const setConn = (text: string, state: string) => {
      o.connection.textContent = text;
      o.connection.dataset.state = state;
    };
    setConn("Connecting…", "connecting");
    try {
      for await (const change of o.client().watchJobs({
        signal: abort.signal,
        onSubscribed: () => {
          setConn("Live", "live");
          void refresh();
        },
        onRetry: ({ delayMs }) => setConn(`Connection lost; reconnecting in ${Math.max(1, Math.round(delayMs / 1000))} s…`, "reconnecting"),
      })) {
        setConn("Live", "live");
        if (change.deleted && change.jobId === o.currentId()) o.onDeleted?.(change.jobId);
        soon();
      }
    } catch (err) {
      setConn(`Not live: ${(err as Error).message}`, "error");
    }
  }

  renderTabs();
  void refresh();
  void live();
  return { refresh, restart: () => void live() };
}
