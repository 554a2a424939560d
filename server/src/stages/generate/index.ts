// GENERATE stage: write manual.pdf and manual.html into the job's work dir.

import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { StageError, type Artifact, type StageFn } from "../types.js";
import { renderHtmlManual } from "./html-manual.js";
import { buildManualModel } from "./manual-model.js";
import { renderPdfManual } from "./pdf-manual.js";

export { planAssemblySteps, isFastener, type AssemblyStep, type StepItem } from "./step-order.js";
export { buildManualModel, stepSentence, type ManualModel } from "./manual-model.js";

async function writeArtifact(dir: string, name: string, contentType: string, data: Buffer): Promise<Artifact> {
  await writeFile(path.join(dir, name), data);
  return { name, contentType, size: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}

export const runGenerate: StageFn<"GENERATE"> = async (input, reporter) => {
  const { workDir } = input;
  reporter.stage(0, "Planning assembly steps");
  const model = buildManualModel(input);
  const total = model.steps.length;
  reporter.log("INFO", `Planned ${total} assembly steps, ${model.warnings.length} warnings`);
  if (!total) reporter.log("WARN", "No matched parts: the manual has no assembly steps");

  try {
    await mkdir(workDir, { recursive: true });
  } catch (err) {
    throw new StageError("WORKDIR_UNAVAILABLE", `Cannot create work dir ${workDir}: ${(err as Error).message}`);
  }

  // Progress: HTML steps 5–45 %, PDF steps 50–90 %, writing files to 100 %.
  const html = renderHtmlManual(model, (n) =>
    reporter.stage(5 + Math.round((n / total) * 40), `HTML: wrote step ${n}/${total}`),
  );
  reporter.stage(50, "Laying out the PDF");
  const pdf = await renderPdfManual(model, (n) =>
    reporter.stage(50 + Math.round((n / total) * 40), `PDF: wrote step ${n}/${total}`),
  );

  reporter.stage(95, "Writing artifacts");
  const artifacts = [
    await writeArtifact(workDir, "manual.pdf", "application/pdf", pdf),
    await writeArtifact(workDir, "manual.html", "text/html; charset=utf-8", Buffer.from(html, "utf8")),
  ];
  reporter.stage(100, `Wrote manual.pdf and manual.html with ${total} steps`, { artifacts });
  return { artifacts, stepCount: total };
};
