// The drop zone: takes a drawing PDF and one or more STEP files (dropped or picked), sorted by
// extension, and submits them as a job.
import { h } from "./dom.js";

export interface Picked {
  pdf: File | null;
  steps: File[];
}

const isPdf = (f: File) => /\.pdf$/i.test(f.name);
const isStep = (f: File) => /\.(step|stp|zip)$/i.test(f.name);

export function mountUpload(root: HTMLElement, onSubmit: (p: { pdf: File; step: File; steps: File[] }) => Promise<void>): void {
  const picked: Picked = { pdf: null, steps: [] };
  const take = (files: Iterable<File>) => {
    for (const f of files) {
      if (isPdf(f)) picked.pdf = f;
      else if (isStep(f)) picked.steps = [...picked.steps.filter((s) => s.name !== f.name), f];
    }
    render();
  };
  const pdfInput = h("input", { type: "file", id: "pdf-input", accept: ".pdf,application/pdf", onchange: () => take(pdfInput.files ?? []) });
  const stepInput = h("input", { type: "file", id: "step-input", accept: ".step,.stp,.zip", multiple: true, onchange: () => take(stepInput.files ?? []) });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { class: "primary", id: "submit-job", type: "button", disabled: true }, "Generate manual");

  const slot = (kind: "pdf" | "step", input: HTMLInputElement, title: string, hint: string) =>
    h("label", { class: "slot", "data-slot": kind }, input, h("span", { class: "slot-icon" }, kind === "pdf" ? "PDF" : "STEP"), h("span", { class: "slot-title" }, title), h("span", { class: "slot-file" }, hint));
  const pdfSlot = slot("pdf", pdfInput, "Drawing PDF", "with its parts list");
  const stepSlot = slot("step", stepInput, "STEP assembly", ".step / .stp / .zip");
  const zone = h("div", { class: "dropzone", id: "dropzone" }, pdfSlot, stepSlot);

  function render() {
    pdfSlot.classList.toggle("filled", !!picked.pdf);
    stepSlot.classList.toggle("filled", picked.steps.length > 0);
    pdfSlot.querySelector(".slot-file")!.textContent = picked.pdf ? picked.pdf.name : "with its parts list";
    stepSlot.querySelector(".slot-file")!.textContent = picked.steps.length ? picked.steps.map((s) => s.name).join(", ") : ".step / .stp / .zip";
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
  submit.addEventListener("click", async () => {
    if (!picked.pdf || !picked.steps.length) return;
    const [step, ...steps] = picked.steps;
    submit.disabled = true;
    submit.textContent = "Uploading…";
    error.textContent = "";
    try {
      await onSubmit({ pdf: picked.pdf, step: step!, steps });
      picked.pdf = null;
      picked.steps = [];
      pdfInput.value = stepInput.value = "";
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      submit.textContent = "Generate manual";
      render();
    }
  });
  root.replaceChildren(
    h("div", { class: "upload-head" }, h("h1", {}, "New manual"), h("p", { class: "muted" }, "Drop a drawing PDF and its STEP assembly, or click to pick them.")),
    zone,
    h("div", { class: "upload-actions" }, submit, error),
  );
}
