// The job's doubts at a glance: amber "needs review" panel with the warnings and the CAD parts
// no BOM row matched. Hidden when the job has no warnings.
import type { JobDetail } from "../../src/sdk/index.js";
import { h } from "./dom.js";

export function renderReview(job: JobDetail): HTMLElement | null {
  if (!job.warnings.length && !job.unmatchedParts.length) return null;
  const unmatched = job.unmatchedParts.map((u) => job.parts[u.partIndex]?.name ?? `part #${u.partIndex}`);
  return h(
    "section",
    { class: `review ${job.needsReview ? "review-needed" : "review-info"}`, id: "review", "data-needs-review": String(job.needsReview) },
    h("h2", {}, job.needsReview ? "Needs review — check the manual before use" : "Warnings"),
    job.warnings.length
      ? h(
          "ul",
          { id: "warnings" },
          ...job.warnings.map((w) =>
            h("li", { "data-code": w.code, "data-severity": w.severity }, h("span", { class: "warning-code" }, w.code), " ", w.message),
          ),
        )
      : null,
    unmatched.length
      ? h("p", { id: "unmatched-parts" }, h("strong", {}, `CAD parts not in the parts list (${unmatched.length}): `), unmatched.join(", "))
      : null,
  );
}
