// The sidebar: recent jobs with their status, refreshed while the page is open.
import type { ManualForgeClient } from "../../src/sdk/index.js";
import { h, relTime } from "./dom.js";

export function mountJobList(mf: () => ManualForgeClient, el: HTMLElement, currentId: () => string | null) {
  let timer = 0;
  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await mf().listJobs({ first: 25 });
      el.replaceChildren(
        ...(page.edges.length
          ? page.edges.map(({ node: j }) =>
              h(
                "li",
                { class: j.id === currentId() ? "current" : "", "data-job": j.id, "data-status": j.status },
                h(
                  "a",
                  { href: `#job=${encodeURIComponent(j.id)}` },
                  h("span", { class: "job-name" }, j.inputs.find((i) => i.role === "PDF")?.originalName ?? j.id.slice(0, 8)),
                  h("span", { class: `pill pill-${j.status.toLowerCase()}` }, j.status.toLowerCase()),
                  h("span", { class: "job-when muted" }, relTime(j.createdAt)),
                ),
              ),
            )
          : [h("li", { class: "muted empty" }, "No jobs yet.")]),
      );
    } catch (err) {
      el.replaceChildren(h("li", { class: "note-error" }, (err as Error).message));
    }
    timer = window.setTimeout(refresh, 5000);
  }
  void refresh();
  return { refresh };
}
