// Short imperative instructions for a step, e.g. "Fasten the 2 l-brackets to the plate with
// 6 bolts and 6 nuts."

import type { AssemblyStep } from "./plan.js";

/** English plural for Latin names; other scripts are left alone (the count says it). */
export function plural(name: string): string {
  if (!/[a-z]$/i.test(name)) return name;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

const latin = (name: string) => /[a-z]$/i.test(name);

/** "the plate", "the 2 l-brackets", "2 × 螺栓". */
export function counted(n: number, name: string, article = true): string {
  if (n === 1) return `the ${name}`;
  if (!latin(name)) return `${n} × ${name}`;
  return `${article ? "the " : ""}${n} ${plural(name)}`;
}

export function joinList(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Instruction for one planned step (per copy when building several sub-assemblies). */
export function stepSentence(s: AssemblyStep): string {
  const q = (it: AssemblyStep["items"][number]) => (s.assembly ? it.perCopy : it.quantity);
  const baseKeys = new Set(s.added.filter((a) => !a.moving).map((a) => a.unit.key));
  const held = s.items.filter((it) => baseKeys.has(it.key));
  const structural = s.items.filter((it) => !it.fastener && !baseKeys.has(it.key));
  const fixings = s.items.filter((it) => it.fastener && !baseKeys.has(it.key));
  const onto = held.length
    ? joinList(held.map((it) => counted(q(it), it.name)))
    : joinList(s.attachTo.map((a) => counted(a.count, a.name))) || "the assembly";

  let body: string;
  if (s.kind === "base") body = `Place ${counted(q(s.items[0]!), s.items[0]!.name)} on the work surface as the base part.`;
  else if (!structural.length) body = `Fit ${joinList(fixings.map((it) => counted(q(it), it.name, false)))} to ${onto}.`;
  else if (fixings.length) {
    body = `Fasten ${joinList(structural.map((it) => counted(q(it), it.name)))} to ${onto} with ${joinList(
      fixings.map((it) => counted(q(it), it.name, false)),
    )}.`;
  } else body = `Attach ${joinList(structural.map((it) => counted(q(it), it.name)))} to ${onto}.`;

  if (!s.assembly) return body;
  const lead = s.first ? `Build ${s.copies > 1 ? `${s.copies} × ` : "the "}${s.assembly}` : `${s.assembly}`;
  return `${lead}: ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
}
