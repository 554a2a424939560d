// GENERATE stage: plan the steps from the STEP geometry, render the pictures, write
// manual.pdf and manual.html into the job's work dir.

import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { StageError, type Artifact, type StageFn } from "../types.js";
import { loadGeometry } from "./geometry.js";
import { renderHtmlManual } from "./html-manual.js";
import { buildManualModel } from "./manual-model.js";
import { renderPdfManual } from "./pdf-manual.js";
import { renderPictures } from "./pictures.js";
import { planAssembly } from "./plan.js";

export { isFastener } from "./fasteners.js";
export { loadGeometry } from "./geometry.js";
export { planAssembly, type AssemblyPlan, type AssemblyStep, type StepItem } from "./plan.js";
export { buildManualModel, type ManualModel } from "./manual-model.js";
export { stepSentence } from "./sentences.js";

async function writeArtifact(dir: string, name: string, contentType: string, data: Buffer): Promise<Artifact> {
  await writeFile(path.join(dir, name), data);
  return { name, contentType, size: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}

export const runGenerate: StageFn<"GENERATE"> = async (input, reporter) => {
  const { workDir } = input;
  const t0 = performance.now();
  reporter.stage(0, "Reading the assembly geometry");
  const geo = await loadGeometry(input.step, (msg) => reporter.log("WARN", msg));
  reporter.stage(3, "Planning assembly steps");
  const plan = planAssembly(input.bom, input.step, input.matching, geo);
  const total = plan.steps.length;
  reporter.log("INFO", `Planned ${total} assembly steps`, {
    steps: plan.steps.map((s) => `${s.number}: ${s.items.map((it) => `${it.quantity}×${it.name}`).join(", ")}`),
  });
  if (!total) reporter.log("WARN", "No parts to place: the manual has no assembly steps");

  try {
    await mkdir(workDir, { recursive: true });
  } catch (err) {
    throw new StageError("WORKDIR_UNAVAILABLE", `Cannot create work dir ${workDir}: ${(err as Error).message}`);
  }

  // Progress: pictures 5–70 % (one report per picture), HTML 70–75 %, PDF 75–95 %.
  const t1 = performance.now();
  const listed = new Set(input.matching.matches.flatMap((m) => (m.partIndex === null || m.cadAssembly ? [] : [m.partIndex])));
  const pictures = renderPictures(
    plan,
    input.step.parts,
    (n, of, what) => reporter.stage(5 + Math.round((n / of) * 65), `Rendered ${what} (${n}/${of})`),
    listed,
  );
  const renderMs = Math.round(performance.now() - t1);
  reporter.log("INFO", `Rendered ${pictures.steps.size + pictures.parts.size + 2} pictures in ${renderMs} ms`);
  const model = buildManualModel(input, plan, pictures);

  const html = renderHtmlManual(model, (n) => reporter.stage(70 + Math.round((n / total) * 5), `HTML: wrote step ${n}/${total}`));
  reporter.stage(75, "Laying out the PDF");
  const pdf = await renderPdfManual(
    model,
    (n) => reporter.stage(75 + Math.round((n / total) * 20), `PDF: wrote step ${n}/${total}`),
    (level, msg) => reporter.log(level, msg),
    input.cjkFontPath,
  );

  reporter.stage(96, "Writing artifacts");
  const artifacts = [
    await writeArtifact(workDir, "manual.pdf", "application/pdf", pdf),
    await writeArtifact(workDir, "manual.html", "text/html; charset=utf-8", Buffer.from(html, "utf8")),
  ];
  reporter.log("INFO", `GENERATE took ${Math.round(performance.now() - t0)} ms (pictures ${renderMs} ms)`);
  reporter.stage(100, `Wrote manual.pdf and manual.html with ${total} steps`, { artifacts });
  return { artifacts, stepCount: total };
};
