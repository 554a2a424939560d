// Generated job inputs for tests: a small drawing + assembly, and a slower one (many solids).
import { makeBomPdf } from "./make-bom-pdf.js";
import { makeStepAssembly } from "./make-step.js";

export interface JobInputs {
  pdf: { name: string; content: Buffer };
  step: { name: string; content: string };
}

export async function smallJob(name = "small"): Promise<JobInputs> {
  const step = makeStepAssembly({
    name,
    parts: [
      { name: "plate", size: [100, 60, 5], placements: [[0, 0, 0]] },
      { name: "bracket", size: [10, 60, 30], placements: [[0, 0, 5], [90, 0, 5]] },
    ],
  });
  const pdf = await makeBomPdf({ title: name, rows: [{ item: "1", name: "plate", quantity: 1 }, { item: "2", name: "bracket", quantity: 2 }] });
  return { pdf: { name: `${name}.pdf`, content: pdf }, step: { name: `${name}.step`, content: step } };
}

/** STEP_EXTRACT takes a few seconds on this one: time to cancel, kill or drop sockets. */
export async function slowJob(name = "slow", blocks = 300): Promise<JobInputs> {
  const placements: [number, number, number][] = [];
  for (let i = 0; i < blocks; i++) placements.push([(i % 20) * 12, Math.floor(i / 20) * 12, 5]);
  const step = makeStepAssembly({
    name,
    parts: [
      { name: "base", size: [250, 200, 5], placements: [[0, 0, 0]] },
      { name: "block", size: [10, 10, 10], placements },
    ],
  });
  const pdf = await makeBomPdf({ title: name, rows: [{ item: "1", name: "base", quantity: 1 }, { item: "2", name: "block", quantity: blocks }] });
  return { pdf: { name: `${name}.pdf`, content: pdf }, step: { name: `${name}.step`, content: step } };
}
