// Text normalisation shared by the matcher: BOM cells and CAD part names are written by
// different people and tools, so compare canonical forms, never raw strings.

/** CAD / exchange file extensions that often leak into STEP product names. */
const FILE_EXTENSION = /\.(step|stp|p21|sldprt|sldasm|prt|asm|ipt|iam|par|psm|catpart|catproduct|x_t|x_b|igs|iges|stl|jt|3dxml|ifc)(\.\d+)?$/i;

/** NFKC folds full-width letters/digits (Ｍ１２ → M12) and compatibility forms. */
function fold(text: string): string {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .trim()
      .replace(FILE_EXTENSION, "")
      // Size separators: ×, *, the letter x between digits all mean "by".
      .replace(/(\d)\s*[×✕✖*]\s*(?=\d)/g, "$1x")
      .replace(/(\d)\s*x\s*(?=\d)/g, "$1x")
  );
}

/** Canonical compact form: only letters and digits ("L-Bracket.STEP" → "lbracket"). */
export function normaliseName(text: string | null | undefined): string {
  if (!text) return "";
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Very light English plural stripping so "bolts" and "bolt" share a token. */
function singular(token: string): string {
  if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss") && !/\d/.test(token)) {
    return token.endsWith("ies") ? `${token.slice(0, -3)}y` : token.slice(0, -1);
  }
  return token;
}

/** Word tokens of a name: split on anything that is not a letter or digit. */
export function tokens(text: string | null | undefined): string[] {
  if (!text) return [];
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map(singular);
}

export interface StandardDesignation {
  /** e.g. "iso4762", "din933", "gbt5782". */
  standard: string;
  /** e.g. "m12x45", "m8". */
  size: string;
}

// The optional ":2004" / "-2016" edition year is skipped: editions rarely matter for matching.
const STANDARD = /\b(iso|din|en|gb\s*[/-]?\s*t|gb|jis|ansi|asme|ks|bs)\s*[-_]?\s*(\d+(?:\.\d+)?)(?:\s*[-:]\s*(?:19|20)\d{2}\b)?/i;
const METRIC_SIZE = /\bm\s*(\d+(?:\.\d+)?)(?:\s*x\s*(\d+(?:\.\d+)?))?/i;

/**
 * Parse a standard-part designation ("ISO 4762 M12x45", "DIN 933 M8", "GB/T 5782 M6×20").
 * Returns null unless both a standard and a metric size are present: either alone is too
 * weak to identify a part.
 */
export function parseStandard(text: string | null | undefined): StandardDesignation | null {
  if (!text) return null;
  // Underscores are word characters for \b; turn them into spaces so "ISO_4762_M12x45" parses.
  const folded = fold(text).replace(/_/g, " ");
  const std = STANDARD.exec(folded);
  if (!std) return null;
  // Look for the size after the standard number so "4762" is not mistaken for part of it.
  const rest = folded.slice(std.index + std[0].length);
  const size = METRIC_SIZE.exec(rest);
  if (!size) return null;
  const body = std[1]!.replace(/[\s/-]/g, "");
  return {
    standard: `${body}${std[2]!.replace(/\./g, "")}`,
    size: size[2] ? `m${size[1]}x${size[2]}` : `m${size[1]}`,
  };
}
