// Pure renderers: job view state → DOM (stage cards, log panel, BOM table with match status).
import { STAGE_GROUPS, summaryFigures, type JobDetail, type JobView, type Stage, type StageView } from "../../src/sdk/index.js";
import { h } from "./dom.js";

const TITLES: Record<Stage, string> = {
  PDF_BOM: "Parts list",
  PDF_DEEP: "Drawing",
  STEP_EXTRACT: "3D model",
  MATCHING: "Matching",
  GENERATE: "Manual",
};
const CARD_TITLES = ["Parts list", "Drawing + 3D model", "Matching", "Manual"];
const STATUS_TEXT: Record<StageView["status"], string> = {
  PENDING: "Waiting",
  RUNNING: "Running",
  SUCCEEDED: "Done",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** A group's status: all done → done; any failed → failed; any running → running. */
function groupStatus(stages: StageView[]): StageView["status"] {
  if (stages.every((s) => s.status === "SUCCEEDED")) return "SUCCEEDED";
  for (const st of ["FAILED", "CANCELLED", "RUNNING"] as const) if (stages.some((s) => s.status === st)) return st;
  return stages.some((s) => s.status === "SUCCEEDED") ? "RUNNING" : "PENDING";
}

function stageBlock(s: StageView, showName: boolean): HTMLElement {
  const figures = summaryFigures(s.stage, s.summary);
  return h(
    "div",
    { class: `stage stage-${s.status.toLowerCase()}`, "data-stage": s.stage, "data-status": s.status },
    showName ? h("div", { class: "stage-name" }, TITLES[s.stage], h("span", { class: "pct" }, `${s.percent}%`)) : null,
    h(
      "div",
      {
        class: "bar",
        role: "progressbar",
        "aria-label": TITLES[s.stage],
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        "aria-valuenow": s.percent,
        "aria-valuetext": `${s.percent}% · ${STATUS_TEXT[s.status]}`,
      },
      h("div", { class: "fill", style: `width:${s.percent}%` }),
    ),
    figures.length
      ? h("ul", { class: "figures" }, ...figures.map((f) => h("li", {}, f)))
      : h("p", { class: "stage-msg" }, s.status === "PENDING" ? "" : s.message),
  );
}

export function renderCards(view: JobView): HTMLElement {
  return h(
    "div",
    { class: "cards" },
    ...STAGE_GROUPS.map((group, i) => {
      const stages = group.map((s) => view.stages[s]);
      const status = groupStatus(stages);
      const ms = stages.map((s) => s.durationMs ?? 0).reduce((a, b) => Math.max(a, b), 0);
      return h(
        "article",
        { class: `card card-${status.toLowerCase()}`, "data-stage-card": group.join("+"), "data-status": status },
        h(
          "header",
          {},
          h("span", { class: "step-no" }, String(i + 1)),
          h("h3", {}, CARD_TITLES[i]!),
          h(
            "span",
            { class: `pill pill-${status.toLowerCase()}` },
            status === "SUCCEEDED" && ms ? `${STATUS_TEXT[status]} · ${(ms / 1000).toFixed(1)}s` : STATUS_TEXT[status],
          ),
        ),
        h("div", { class: group.length > 1 ? "stages parallel" : "stages" }, ...stages.map((s) => stageBlock(s, group.length > 1))),
      );
    }),
  );
}

export function renderLog(view: JobView, el: HTMLOListElement): void {
  // Append only what is new: the log can be long and the user may be reading it.
  const shown = Number(el.dataset.count ?? 0);
  if (shown > view.logs.length) el.replaceChildren();
  const stick = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
  for (const l of view.logs.slice(Number(el.dataset.count ?? 0))) {
    el.append(
      h(
        "li",
        { class: `log-${l.level.toLowerCase()}` },
        h("time", {}, new Date(l.at).toLocaleTimeString([], { hour12: false })),
        l.stage ? h("span", { class: "log-stage" }, l.stage) : null,
        h("span", { class: "log-msg" }, l.message),
      ),
    );
  }
  el.dataset.count = String(view.logs.length);
  if (stick) el.scrollTop = el.scrollHeight;
}

export function renderBom(job: JobDetail | null): HTMLElement {
  if (!job || !job.bom.length) {
    const why = job?.bomTable?.notices.find((n) => n.code === "BOM_NOT_FOUND")?.message;
    return h("p", { class: "muted empty" }, why ?? "The parts list appears here once the drawing is read.");
  }
  const byRow = new Map(job.matches.map((m) => [m.bomIndex, m]));
  const matched = job.matches.length > 0;
  // Every printed column as the drawing prints it (supplier, price, configuration… included).
  const printed = job.bomTable?.columns.length ? job.bomTable.columns.map((c) => c.header || c.field || "") : null;
  const headers = printed ?? ["Item", "Part number", "Name", "Qty", "Material"];
  let section: string | null = null;
  const body: HTMLElement[] = [];
  for (const row of job.bom) {
    if (row.section && row.section !== section) {
      body.push(h("tr", { class: "bom-section" }, h("th", { colspan: String(headers.length + 1), scope: "rowgroup" }, row.section)));
    }
    section = row.section ?? null;
    const m = byRow.get(row.index);
    const part = m?.partIndex !== null && m?.partIndex !== undefined ? job.parts[m.partIndex] : undefined;
    const status = !matched ? "pending" : !m || m.partIndex === null ? "unmatched" : m.quantityOk ? "matched" : "qty-mismatch";
    const label =
      status === "pending"
        ? "…"
        : status === "unmatched"
          ? "✗ no CAD part"
          : status === "matched"
            ? `✓ ${m!.cadAssembly ?? part?.name ?? "part"} ×${m!.cadQuantity ?? "?"}`
            : `⚠ ${m!.cadAssembly ?? part?.name ?? "part"}: CAD ×${m!.cadQuantity} ≠ BOM ×${m!.bomQuantity}`;
    const cells = printed
      ? row.columns.map((c, i) =>
          h(
            "td",
            {
              class: c.field === "quantity" ? "num" : c.field === "partNumber" ? "mono" : "",
              title: c.confidence != null ? `OCR confidence ${Math.round(c.confidence * 100)} %` : "",
            },
            i === 0 && row.level ? `${"  ".repeat(row.level)}${c.text}` : c.text,
          ),
        )
      : [row.item ?? "", row.partNumber ?? "", row.name ?? "", row.quantity ?? "", row.material ?? ""].map((t) => h("td", {}, t));
    body.push(
      h(
        "tr",
        { "data-match": status, ...(row.warnings.length ? { "data-warning": row.warnings.join("; "), title: row.warnings.join("; ") } : {}) },
        ...cells,
        h("td", { class: `match match-${status}`, title: m?.reason ?? "" }, label),
      ),
    );
  }
  return h(
    "table",
    { class: "bom", id: "bom-table" },
    h("thead", {}, h("tr", {}, ...[...headers, "Match"].map((t) => h("th", {}, t)))),
    h("tbody", {}, ...body),
  );
}
