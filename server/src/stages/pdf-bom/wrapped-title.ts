// A column title wrapped over several lines inside its cell, joined back. Word processors break
// narrow titles anywhere: "Quan-" / "tity" (hyphen), "Ite" / "m" (no mark at all), and
// "Part" / "No." (between words). The join that is a known title as printed wins ("Item", not
// "Ite m", though both match); otherwise a trailing hyphen joins without a space, the rest with one.
import { isPrintedTitle, matchTitle } from "./header-synonyms.js";

type Title = ReturnType<typeof matchTitle>;

export function joinTitleLines(texts: string[]): { label: string; title: Title } {
  const parts = texts.map((t) => t.trim()).filter(Boolean);
  if (!parts.length) return { label: "", title: null };
  const fallback = parts.reduce((a, b) => (/\p{L}-$/u.test(a) ? a.slice(0, -1) + b : `${a} ${b}`));
  if (parts.length < 2 || parts.length > 4) return { label: fallback, title: matchTitle(fallback) };
  let first: { label: string; title: Title } | null = null;
  for (const label of joins(parts)) {
    const title = matchTitle(label);
    if (isPrintedTitle(label)) return { label, title };
    if (title) first ??= { label, title };
  }
  return first ?? { label: fallback, title: null };
}

/** Every way to join the parts: at each break a space, nothing, or (after a hyphen) the hyphen dropped. */
function* joins(parts: string[]): Generator<string> {
  const [head, ...rest] = parts;
  if (!rest.length) return yield head;
  for (const tail of joins(rest)) {
    if (/^[\p{L}\p{N}(]/u.test(tail)) yield `${head} ${tail}`; // never a space before "." or ")"
    yield head + tail;
    if (/\p{L}-$/u.test(head)) yield head.slice(0, -1) + tail;
  }
}
