// Names that are file names. CAD tools name files and products after the part: SolidWorks
// writes "<part number>_<configuration>" ("hex_m3_custom_M3x12", "01_02_10-end_cap_Standard"),
// drawings print "<drawing number>-<name>" ("01_02_10-shredder_end_cap"), assemblies add
// instance suffixes ("bolt-1", "bolt<2>"). These helpers give the forms two such names are
// compared in; separators and case go away in normaliseName.

import { normaliseName } from "./normalise.js";

/** Configuration names tools append when the user never named one. */
export const CONFIG_WORDS = /^(default|standard|std|vorgabe|defaut|défaut|predeterminado|predefinito|padrao|padrão)$/i;

/** A leading drawing / item number: "01_02_10-", "3.2.1 ", "A-100_" is not one (letters). */
const DRAWING_PREFIX = /^\d{1,5}(?:[._-]\d{1,5}){1,6}[\s_-]+(?=\p{L})/u;
/** Instance suffixes of assembly occurrences: "-1", "<2>", ":3". */
const INSTANCE_SUFFIX = /(?:-\d{1,3}|<\d{1,3}>|:\d{1,3})$/;
const FILE_EXT = /\.(step|stp|p21|sldprt|sldasm)$/i;

/** The name without a leading drawing number, or null when it has none. */
export function withoutDrawingNumber(text: string): string | null {
  const t = text.trim().replace(FILE_EXT, "");
  const m = DRAWING_PREFIX.exec(t);
  return m ? t.slice(m[0].length) : null;
}

/** Splits "<stem><sep><last word>" on the last _ / - / space. */
function lastWord(text: string): [string, string] | null {
  const m = /^(.*[^\s_-])[\s_-]+([^\s_-]+)$/u.exec(text);
  return m ? [m[1]!, m[2]!] : null;
}

/**
 * Compact forms of a CAD part name, most literal first: as written; without a configuration
 * word or the given configuration at the end; without an instance suffix.
 */
export function partNameForms(name: string, configuration?: string | null): string[] {
  const t = name.trim().replace(FILE_EXT, "");
  const forms = [t];
  const split = lastWord(t);
  const config = configuration ? normaliseName(configuration) : "";
  if (split && (CONFIG_WORDS.test(split[1]) || (config && normaliseName(split[1]) === config))) forms.push(split[0]);
  if (INSTANCE_SUFFIX.test(t)) forms.push(t.replace(INSTANCE_SUFFIX, ""));
  return unique(forms.map(normaliseName));
}

/** Compact forms of a BOM name cell: as written, and without a configuration word at the end. */
export function rowNameForms(text: string): string[] {
  const t = text
    .trim()
    .replace(FILE_EXT, "")
    .replace(/([_-])\s+/g, "$1"); // cells wrapped at a hyphen
  const forms = [t];
  const split = lastWord(t);
  if (split && CONFIG_WORDS.test(split[1])) forms.push(split[0]);
  return unique(forms.map(normaliseName));
}

const unique = (xs: string[]) => [...new Set(xs.filter((x) => x.length >= 3))];

/**
 * Part-identity verdict for a row with a part number and a configuration against one part
 * name: "same" (the name is <part number>_<configuration>), "other" (the name is the same part
 * number with another configuration: never this row's part), or null (not this rule's case).
 */
export function configurationVerdict(partNumber: string, configuration: string, partName: string): "same" | "other" | null {
  const pn = normaliseName(partNumber);
  const cfg = normaliseName(configuration);
  const name = normaliseName(partName.replace(FILE_EXT, "").replace(INSTANCE_SUFFIX, ""));
  if (!pn || !cfg || !name.startsWith(pn)) return null;
  const rest = name.slice(pn.length);
  if (rest === cfg) return "same";
  if (!rest) return CONFIG_WORDS.test(configuration.trim()) ? "same" : null;
  return CONFIG_WORDS.test(rest) && CONFIG_WORDS.test(configuration.trim()) ? "same" : "other";
}
