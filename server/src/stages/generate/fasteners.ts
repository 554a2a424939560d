// Which parts are fixings: by name (English or Chinese), by standard designation
// (ISO 4017 M8x30, DIN 934, GB/T 5783), or by being small and many.

const WORDS = ["bolt", "screw", "nut", "washer", "pin", "rivet"];
const CJK = /螺栓|螺钉|螺丝|螺母|垫圈|垫片|销|铆钉|ボルト|ナット|ねじ|ワッシャ/;
/** Standards for fixings, and metric thread sizes such as M8x30. */
const DESIGNATION = /\b(?:ISO|DIN|GB\s*\/?\s*T?|JIS\s*B|ANSI|ASME\s*B18)\s*-?\s*\d{2,5}\b|\bM\d+(?:[.,]\d+)?\s*[x×*]\s*\d+/i;

/** True for bolts, screws, nuts, washers, pins ("Hex Bolt", "locknut", "dowel_pins", "螺栓 M8"). */
export function isFastener(...names: (string | null | undefined)[]): boolean {
  return names.some((raw) => {
    const name = raw ?? "";
    if (CJK.test(name) || DESIGNATION.test(name)) return true;
    return name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((tok) => WORDS.some((w) => tok.endsWith(w) || tok.endsWith(`${w}s`)));
  });
}

/** Small and many: at least 4 instances, each under 0.1 % of the assembly's box volume. */
export function smallAndMany(instanceCount: number, partVolume: number, assemblyVolume: number): boolean {
  return instanceCount >= 4 && assemblyVolume > 0 && partVolume < 1e-3 * assemblyVolume;
}
