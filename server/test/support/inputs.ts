// Generated job inputs for tests: a small drawing + assembly, and a slower one (many solids).
import { makeBomPdf } from "./make-bom-pdf.js";
import { makeStepAssembly } from "./make-step.js";

/** A parts list for the AS1 fixture (as1-oc-214.stp), as the tests draw it into a PDF. */
export const AS1_BOM = [
  { item: "1", partNumber: "AS1-001", name: "plate", quantity: 1, material: "Steel" },
  { item: "2", partNumber: "AS1-002", name: "l-bracket", quantity: 2, material: "Aluminium" },
  { item: "3", partNumber: "AS1-003", name: "bolt", quantity: 6, material: "Steel 8.8" },
  { item: "4", partNumber: "AS1-004", name: "nut", quantity: 8, material: "Steel" },
  { item: "5", partNumber: "AS1-005", name: "rod", quantity: 1, material: "Steel" },
];

export interface JobInputs {
  pdf: { name: string; content: Buffer };
  step: { name: string; content: string };
}

export async function smallJob(name = "small"): Promise<JobInputs> {
  const step = makeStepAssembly({
    name,
    parts: [
      { name: "plate", size: [100, 60, 5], placements: [[0, 0, 0]] },
      {
        name: "bracket",
        size: [10, 60, 30],
        placements: [
          [0, 0, 5],
          [90, 0, 5],
        ],
      },
    ],
  });
  const pdf = await makeBomPdf({
    title: name,
    rows: [
      { item: "1", name: "plate", quantity: 1 },
      { item: "2", name: "bracket", quantity: 2 },
    ],
  });
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
  const pdf = await makeBomPdf({
    title: name,
    rows: [
      { item: "1", name: "base", quantity: 1 },
      { item: "2", name: "block", quantity: blocks },
    ],
  });
  return { pdf: { name: `${name}.pdf`, content: pdf }, step: { name: `${name}.step`, content: step } };
}
