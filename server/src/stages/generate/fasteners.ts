// Which parts are fixings: by name (English or Chinese), by standard designation
// (ISO 4017 M8x30, DIN 934, GB/T 5783), or by being small and many.

const WORDS = ["bolt", "screw", "nut", "washer", "pin", "rivet"];
const CJK = /螺栓|螺钉|螺丝|螺母|垫圈|垫片|销|铆钉|ボルト|ナット|ねじ|ワッシャ/;
/** Standards for fixings, and metric thread sizes such as M8x30. */
const DESIGNATION = /\b(?:ISO|DIN|GB\s*\/?\s*T?|JIS\s*B|ANSI|ASME\s*B18)\s*-?\s*\d{2,5}\b|\bM\d+(?:[.,]\d+)?\s*[x×*]\s*\d+/i;

/**
 * Bought components that carry a DIN/ISO number or sit small and many but are no fixings:
 * rolling bearings (DIN 625/628/616, ISO 15/355), shaft seals (DIN 3760), O-rings (DIN 3771).
 */
const COMPONENT =
  /bearing|kugellager|wälzlager|roulement|rodamiento|cuscinetto|轴承|ベアリング|\b(?:DIN|ISO)\s*-?\s*(?:625|628|616|15|355|3760|3771)(?![\d.])|\bo-?ring|\bseal\b|simmerring|bushing/i;

/** True for a bearing, seal or O-ring named in any of the texts: placed as a part, not a fixing. */
export function isComponent(...names: (string | null | undefined)[]): boolean {
  return names.some((n) => !!n && COMPONENT.test(n));
}

/** True for bolts, screws, nuts, washers, pins ("Hex Bolt", "locknut", "dowel_pins", "螺栓 M8"). */
export function isFastener(...names: (string | null | undefined)[]): boolean {
  if (isComponent(...names)) return false;
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
