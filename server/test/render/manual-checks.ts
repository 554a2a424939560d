// Shared by the GENERATE tests: read a manual PDF back, and check a plan against the rules
// the issue sets (BOM sums, fixings after what they join, nothing floating).

import { readFile } from "node:fs/promises";
import * as pdfjs from "../../src/stages/pdf-text/pdfjs.js";
import { expect } from "vitest";
import type { AssemblyPlan } from "../../src/stages/generate/index.js";
import type { BomResult, MatchingResult, StepResult } from "../../src/stages/types.js";

export const squash = (s: string) => s.replace(/\s+/g, " ").trim();

export async function readPdf(file: string): Promise<{ pages: string[]; text: string }> {
  const data = new Uint8Array(await readFile(file));
  const doc = await pdfjs.getDocument({ data, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(squash(content.items.map((it) => ("str" in it ? it.str : "")).join(" ")));
  }
  await doc.destroy();
  return { pages, text: pages.join(" ") };
}

/** Part quantities over all steps (sub-assembly units count through their build steps). */
export function placedPerPart(plan: AssemblyPlan): Map<number, number> {
  const placed = new Map<number, number>();
  for (const s of plan.steps)
    for (const it of s.items) {
      if (it.partIndex !== null) placed.set(it.partIndex, (placed.get(it.partIndex) ?? 0) + it.quantity);
    }
  // Bought units (placed whole, never built): their parts come in with them, once per copy.
  for (const s of plan.steps)
    for (const { unit } of s.added) {
      if (!plan.bought.has(unit.key)) continue;
      for (const i of unit.instances) {
        const p = plan.geo.instances[i]!.partIndex;
        placed.set(p, (placed.get(p) ?? 0) + s.copies);
      }
    }
  return placed;
}

export function expectBomSums(plan: AssemblyPlan, bom: BomResult, matching: MatchingResult): void {
  const placed = placedPerPart(plan);
  for (const m of matching.matches) {
    if (m.partIndex === null) continue;
    expect(placed.get(m.partIndex), `BOM row ${m.bomIndex}`).toBe(bom.rows[m.bomIndex]!.quantity);
  }
}

/** Every main-assembly step after the base adds units that touch something already placed. */
export function expectNoFloating(plan: AssemblyPlan): void {
  const main = plan.steps.filter((s) => s.assembly === null);
  for (const s of main.slice(1)) {
    const before = new Set(s.context);
    for (const { unit } of s.added) {
      if (unit.fastener) continue;
      const touches = unit.instances.some((i) => [...(plan.contacts[i] ?? [])].some((c) => before.has(c)));
      expect(touches, `step ${s.number}: ${unit.name} floats`).toBe(true);
    }
  }
}

/** Each fixing is placed in or after the step of every structural instance it touches. */
export function expectFixingsAfterHosts(plan: AssemblyPlan, fastenerName: RegExp): void {
  let checked = 0;
  for (const s of plan.steps.filter((x) => x.assembly === null)) {
    for (const { unit } of s.added) {
      if (!fastenerName.test(unit.name)) continue;
      for (const i of unit.instances)
        for (const c of plan.contacts[i] ?? []) {
          const host = plan.geo.instances[c]!;
          const hostStep = plan.mainStepOf.get(c)!;
          if (plan.root.units.some((u) => u.fastener && u.instances.includes(host.index))) continue;
          expect(hostStep, `${unit.name} in step ${s.number} touches an instance placed in step ${hostStep}`).toBeLessThanOrEqual(s.number);
          checked++;
        }
    }
  }
  expect(checked).toBeGreaterThan(0);
}

/** Item numbers printed in the HTML manual's parts list and in its step pictures' call-outs. */
export function htmlItems(html: string): { listed: string[]; callouts: string[] } {
  const table = html.slice(html.indexOf('id="parts"'), html.indexOf("</table>", html.indexOf('id="parts"')));
  const listed = [...table.matchAll(/<tr>(?:<td class="pic">.*?<\/td>)?<td>([^<]*)<\/td>/g)].map((m) => m[1]!);
  const callouts = [...html.matchAll(/<svg[^>]*aria-label="Item numbers">(.*?)<\/svg>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!),
  );
  return { listed, callouts };
}

/**
 * The manual check of issue 18, on a generated manual: every CAD instance (so every BOM
 * quantity) placed exactly once, the base part first, no fixing before the parts it joins,
 * every call-out number in the parts list, the page count within the target.
 */
export function checkManual(
  o: { plan: AssemblyPlan; step: StepResult; bom: BomResult; matching: MatchingResult; html: string; pdfPages: number },
  target: { maxPages: number; minCallouts?: number },
): void {
  const { plan, step, html } = o;
  // Placed exactly once: each instance is in exactly one main-assembly step (directly or in its sub-assembly unit)…
  const seen = new Map<number, number>();
  for (const s of plan.steps.filter((x) => x.assembly === null))
    for (const { unit } of s.added) for (const i of unit.instances) seen.set(i, (seen.get(i) ?? 0) + 1);
  for (const inst of plan.geo.instances) expect(seen.get(inst.index), `instance ${inst.index} placed once`).toBe(1);
  // …and the step quantities add up to the CAD count of every part and to every matched BOM quantity.
  const placed = placedPerPart(plan);
  step.parts.forEach((p, k) => expect(placed.get(k) ?? 0, `part ${p.name}`).toBe(p.instanceCount));
  for (const m of o.matching.matches) {
    if (m.partIndex === null || !m.quantityOk) continue;
    expect(placed.get(m.partIndex), `BOM row ${m.bomIndex}`).toBe(o.bom.rows[m.bomIndex]!.quantity);
  }
  // Base part first (sub-assembly builds come before the main assembly's base).
  expect(plan.steps.find((s) => s.assembly === null)?.kind).toBe("base");
  // No fixing before the structural parts it touches.
  const fixing = new Set(plan.root.units.filter((u) => u.fastener).flatMap((u) => u.instances));
  for (const s of plan.steps.filter((x) => x.assembly === null))
    for (const { unit } of s.added) {
      if (!unit.fastener) continue;
      for (const i of unit.instances)
        for (const c of plan.contacts[i] ?? []) {
          if (fixing.has(c) || unit.instances.includes(c)) continue;
          expect(plan.mainStepOf.get(c)!, `fixing ${unit.name} in step ${s.number} before what it joins`).toBeLessThanOrEqual(s.number);
        }
    }
  // Every call-out number is an item of the parts list.
  const { listed, callouts } = htmlItems(html);
  for (const c of callouts) expect(listed, `call-out ${c}`).toContain(c);
  expect(callouts.length).toBeGreaterThanOrEqual(target.minCallouts ?? 0);
  expect(o.pdfPages).toBeLessThanOrEqual(target.maxPages);
}
