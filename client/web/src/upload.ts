// The drop zone: takes a drawing PDF and one or more STEP files (dropped or picked), sorted by
// extension, and submits them as a job.
import { h } from "./dom.js";
import { formatBytes, type UploadProgress } from "./upload-request.js";

export interface Picked {
  pdf: File | null;
  steps: File[];
}

const isPdf = (f: File) => /\.pdf$/i.test(f.name);
const isStep = (f: File) => /\.(step|stp|zip)$/i.test(f.name);

export type SubmitFiles = (
  p: { pdf: File; step: File; steps: File[]; ocrLanguages?: string[] },
  onProgress: (p: UploadProgress) => void,
) => Promise<void>;

export function mountUpload(root: HTMLElement, onSubmit: SubmitFiles): void {
  const picked: Picked = { pdf: null, steps: [] };
  const take = (files: Iterable<File>) => {
    for (const f of files) {
      if (isPdf(f)) picked.pdf = f;
      else if (isStep(f)) picked.steps = [...picked.steps.filter((s) => s.name !== f.name), f];
    }
    render();
  };
  const pdfInput = h("input", { type: "file", id: "pdf-input", accept: ".pdf,application/pdf", onchange: () => take(pdfInput.files ?? []) });
  const stepInput = h("input", {
    type: "file",
    id: "step-input",
    accept: ".step,.stp,.zip",
    multiple: true,
    onchange: () => take(stepInput.files ?? []),
  });
  const error = h("p", { class: "form-error", role: "alert" });
  // Optional: tesseract languages for a drawing without a text layer (empty: the server guesses).
  const langInput = h("input", { type: "text", id: "ocr-languages", placeholder: "e.g. eng, deu", autocomplete: "off", spellcheck: "false" });
  const langField = h("label", { class: "ocr-languages muted", for: "ocr-languages" }, "OCR languages (optional) ", langInput);
  // Bytes sent so far, as a progressbar (hidden until an upload starts).
  const progress = h(
    "div",
    {
      class: "upload-progress",
      id: "upload-progress",
      role: "progressbar",
      "aria-label": "Upload",
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
      hidden: true,
    },
    h("div", { class: "fill" }),
  );
  const progressText = h("span", { class: "muted", id: "upload-progress-text", "aria-live": "polite" });
  const submit = h("button", { class: "primary", id: "submit-job", type: "button", disabled: true }, "Generate manual");

  const slot = (kind: "pdf" | "step", input: HTMLInputElement, title: string, hint: string) =>
    h(
      "label",
      { class: "slot", "data-slot": kind },
      input,
      h("span", { class: "slot-icon" }, kind === "pdf" ? "PDF" : "STEP"),
      h("span", { class: "slot-title" }, title),
      h("span", { class: "slot-file" }, hint),
    );
  const pdfSlot = slot("pdf", pdfInput, "Drawing PDF", "with its parts list");
  const stepSlot = slot("step", stepInput, "STEP assembly", ".step / .stp / .zip");
  const zone = h("div", { class: "dropzone", id: "dropzone" }, pdfSlot, stepSlot);

  function render() {
    pdfSlot.classList.toggle("filled", !!picked.pdf);
    stepSlot.classList.toggle("filled", picked.steps.length > 0);
    pdfSlot.querySelector(".slot-file")!.textContent = picked.pdf ? `${picked.pdf.name} · ${formatBytes(picked.pdf.size)}` : "with its parts list";
    stepSlot.querySelector(".slot-file")!.textContent = picked.steps.length
      ? picked.steps.map((s) => `${s.name} · ${formatBytes(s.size)}`).join(", ")
      : ".step / .stp / .zip";
    submit.disabled = !(picked.pdf && picked.steps.length);
  }
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    take(e.dataTransfer?.files ?? []);
  });
  const upload = async () => {
    if (!picked.pdf || !picked.steps.length) return;
    const [step, ...steps] = picked.steps;
    submit.disabled = true;
    submit.textContent = "Uploading…";
    error.textContent = "";
    progress.hidden = false;
    const showProgress = ({ loaded, total }: UploadProgress) => {
      const pct = total ? Math.floor((loaded / total) * 100) : 0;
      progress.setAttribute("aria-valuenow", String(pct));
      progress.setAttribute("aria-valuetext", `${formatBytes(loaded)} of ${formatBytes(total)}`);
      (progress.firstElementChild as HTMLElement).style.width = `${pct}%`;
      progressText.textContent = `${formatBytes(loaded)} of ${formatBytes(total)} sent`;
    };
    showProgress({ loaded: 0, total: [picked.pdf, ...picked.steps].reduce((n, f) => n + f.size, 0) });
    try {
      const ocrLanguages = langInput.value.split(/[\s,+]+/).filter(Boolean);
      await onSubmit({ pdf: picked.pdf, step: step!, steps, ocrLanguages }, showProgress);
      picked.pdf = null;
      picked.steps = [];
      pdfInput.value = stepInput.value = "";
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      progress.hidden = true;
      progressText.textContent = "";
      submit.textContent = "Generate manual";
      render();
    }
  };
  // upload() shows its own failure in the page (catch above): nothing is left to reject.
  submit.addEventListener("click", () => void upload());
  root.replaceChildren(
    h(
      "div",
      { class: "upload-head" },
      h("h1", {}, "New manual"),
      h("p", { class: "muted" }, "Drop a drawing PDF and its STEP assembly, or click to pick them."),
    ),
    zone,
    langField,
    h("div", { class: "upload-actions" }, submit, progress, progressText, error),
  );
}
