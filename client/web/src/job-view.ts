// One job on screen: replays its event log from seq 1 (so a reload picks up where the job is,
// not from zero) and then follows it live, reconnecting with backoff for as long as the page is
// open; refetches the job for the BOM table and manual link. An unknown id shows only "not found".
import { applyEvent, emptyView, failureCodeText, type JobDetail, type ManualForgeClient } from "../../src/sdk/index.js";
import { h } from "./dom.js";
import { renderBom, renderCards, renderLog } from "./render.js";
import { renderReview } from "./review.js";

const REFETCH_ON = new Set(["STAGE_SUCCEEDED", "STAGE_FAILED", "JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED", "JOB_STARTED"]);

export function showJob(mf: ManualForgeClient, root: HTMLElement, jobId: string): () => void {
  const view = emptyView(jobId);
  const abort = new AbortController();
  let job: JobDetail | null = null;
  let frame = 0;

  const status = h("span", { class: "pill pill-queued", id: "job-status", role: "status", "aria-live": "polite" }, "Queued");
  const reviewBadge = h("span", { class: "pill pill-review", id: "needs-review", hidden: true }, "⚠ Needs review");
  const review = h("div", { id: "review-slot" });
  const manual = h("a", { id: "manual-link", class: "primary button", target: "_blank", rel: "noopener", hidden: true }, "Open manual");
  const manualPdf = h("a", { id: "manual-pdf-link", class: "button", target: "_blank", rel: "noopener", hidden: true }, "PDF");
  const cancel = h("button", { id: "cancel-job", class: "button", type: "button", hidden: true }, "Cancel");
  const retry = h("button", { id: "retry-job", class: "button", type: "button", hidden: true }, "Retry");
  const note = h("p", { class: "note", id: "job-note", hidden: true });
  const cards = h("div", { id: "cards" });
  // A live region (polite: new lines are read out without interrupting); stays a list for axe.
  const log = h("ol", { class: "log", id: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "Job log", tabindex: 0 });
  const bom = h("div", { id: "bom", role: "region", "aria-label": "Bill of materials table", tabindex: 0 });
  const bomCount = h("span", { class: "count" });
  const title = h("h1", {}, "Job");
  const inputs = h("p", { class: "muted mono" }, jobId);
  const page = [
    h(
      "div",
      { class: "job-head" },
      h("div", {}, title, inputs),
      h("div", { class: "job-actions" }, status, reviewBadge, cancel, retry, manualPdf, manual),
    ),
    note,
    review,
    cards,
    h(
      "div",
      { class: "panels" },
      h("section", { class: "panel" }, h("h2", {}, "Log"), log),
      h("section", { class: "panel" }, h("h2", {}, "Bill of materials", bomCount), bom),
    ),
  ];
  root.replaceChildren(h("p", { class: "muted", role: "status" }, "Loading job…"));

  const paint = () => {
    frame = 0;
    cards.replaceChildren(renderCards(view));
    renderLog(view, log);
    status.textContent = view.status[0] + view.status.slice(1).toLowerCase();
    status.className = `pill pill-${view.status.toLowerCase()}`;
    cancel.hidden = !(view.status === "QUEUED" || view.status === "RUNNING");
    retry.hidden = !(view.status === "FAILED" || view.status === "CANCELLED");
    if (view.error) {
      // Cancelled is something someone chose, not a failure: said plainly, not in red.
      note.hidden = false;
      note.className = view.status === "CANCELLED" ? "note note-cancelled" : "note note-error";
      note.textContent = view.status === "CANCELLED" ? `Cancelled — ${view.error}` : view.error;
      // The failure code (Job.failureCode) once the refetched job has reached the same end.
      const code = view.status === "FAILED" && job?.status === "FAILED" ? failureCodeText(job) : null;
      if (code) note.append(" ", h("code", { class: "error-code", id: "job-failure-code" }, code));
    }
  };
  // Replaying a long log fires many events at once: draw once per frame.
  const schedule = () => (frame ||= requestAnimationFrame(paint));

  const refetch = async () => {
    job = await mf.getJob(jobId).catch(() => job);
    if (!job) return;
    title.textContent = job.inputs.find((i) => i.role === "PDF")?.originalName ?? "Job";
    inputs.textContent = `${job.id} · ${job.inputs.map((i) => i.originalName).join(" + ")}`;
    bom.replaceChildren(renderBom(job));
    schedule(); // the note shows the refetched failure code
    reviewBadge.hidden = !job.needsReview;
    const doubts = renderReview(job);
    review.replaceChildren(...(doubts ? [doubts] : []));
    const matched = job.matches.filter((m) => m.partIndex !== null).length;
    bomCount.textContent = job.bom.length ? ` · ${job.bom.length} rows${job.matches.length ? ` · ${matched} matched` : ""}` : "";
    if (job.manualUrl) {
      manual.href = job.manualUrl;
      manual.hidden = false;
    }
    if (job.manualPdfUrl) {
      manualPdf.href = job.manualPdfUrl;
      manualPdf.hidden = false;
    }
  };

  cancel.addEventListener("click", () => void mf.cancelJob(jobId).catch((e: Error) => alert(e.message)));
  retry.addEventListener(
    "click",
    () =>
      void mf.retryJob(jobId).then(
        () => follow(view.lastSeq),
        (e: Error) => alert(e.message),
      ),
  );

  async function follow(afterSeq: number) {
    note.hidden = true;
    try {
      for await (const ev of mf.watchJob(jobId, {
        afterSeq,
        signal: abort.signal,
        maxRetries: Infinity, // a page left open rides out any outage, a server restart included
        onRetry: ({ afterSeq: at }) => {
          note.hidden = false;
          note.className = "note";
          note.textContent = `Connection lost — resuming after event ${at}…`;
        },
      })) {
        // A retried job starts over: an old error no longer applies.
        if (!/note-(error|cancelled)/.test(note.className) || ev.kind === "JOB_STARTED") note.hidden = true;
        applyEvent(view, ev);
        schedule();
        if (REFETCH_ON.has(ev.kind)) void refetch();
      }
    } catch (err) {
      note.hidden = false;
      note.className = "note note-error";
      note.textContent = (err as Error).message;
    }
  }

  // First the job itself: an unknown id (or another key's job) shows "not found" and nothing else.
  void (async () => {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      let found: JobDetail | null;
      try {
        found = await mf.getJob(jobId);
      } catch {
        // Server unreachable: keep trying (the reconnect applies before the first answer too).
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
        continue;
      }
      if (abort.signal.aborted) return;
      if (!found) {
        root.replaceChildren(
          h(
            "div",
            { class: "not-found", id: "job-not-found" },
            h("h1", {}, "Job not found"),
            h("p", { class: "muted" }, "There is no such job, or it was deleted."),
          ),
        );
        return;
      }
      job = found;
      root.replaceChildren(...page);
      void refetch();
      void follow(0);
      paint();
      return;
    }
  })();
  return () => abort.abort();
}
