// A CAD folder often holds a self-contained top assembly next to the single-part files it was
// built from (SolidWorks "Save as STEP" of the assembly plus each part). The part files are
// then tops of their own, and uploading the folder would count every part once more. A loose
// single-part file whose product is already inside another uploaded assembly is left out.

import { productLabel, type Occurrence, type ProductStructure } from "./product-structure.js";

/** Configuration names SolidWorks and others append to product names ("<part>_Standard"). */
const CONFIG_WORD = /^(default|standard|std|vorgabe|defaut|défaut|predeterminado|predefinito|padrao|padrão)$/i;
const compact = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** Compact names a product goes by: as written, and without a trailing configuration word. */
export function productKeys(label: string): string[] {
  const keys = [compact(label)];
  const m = /^(.*\S)[_\s-]+([^_\s-]+)$/u.exec(label.trim());
  if (m && CONFIG_WORD.test(m[2]!)) keys.push(compact(m[1]!));
  return keys.filter((k) => k.length >= 3);
}

function collect(o: Occurrence, into: Set<string>): void {
  if (o.children.length === 0) for (const k of productKeys(productLabel(o.product))) into.add(k);
  for (const c of o.children) collect(c, into);
}

/** True when `file` is one part only, and that part appears inside one of `assemblies`. */
export function isLooseCopy(file: ProductStructure, assemblies: ProductStructure[]): boolean {
  const roots = file.roots;
  if (roots.length !== 1 || roots[0]!.children.length > 0 || file.externalFiles.length) return false;
  const inside = new Set<string>();
  for (const a of assemblies) for (const r of a.roots) if (r.children.length) collect(r, inside);
  return productKeys(productLabel(roots[0]!.product)).some((k) => inside.has(k));
}
