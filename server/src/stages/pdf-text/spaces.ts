// `s.replace(/\s+/g, " ").trim()` without running the regex when it would change nothing,
// which is nearly always: it runs on every text item and every cell, several times.

/** Same result as s.replace(/\s+/g, " ").trim(). */
export function collapseSpaces(s: string): string {
  // Already collapsed: no white space but single inner U+0020 (trim() and \s share one set).
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) return s.replace(/\s+/g, " ").trim();
      prevSpace = true;
    } else if (isOtherSpace(c)) return s.replace(/\s+/g, " ").trim();
    else prevSpace = false;
  }
  return prevSpace && s.length ? s.replace(/\s+/g, " ").trim() : s;
}

/** \s without U+0020: TAB, LF, VT, FF, CR, NBSP, the other Zs spaces, LS, PS, BOM. */
function isOtherSpace(c: number): boolean {
  if (c < 0x80) return c >= 0x09 && c <= 0x0d;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
