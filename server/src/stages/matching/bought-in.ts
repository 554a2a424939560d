// Catalogue hardware (screws, nuts, bearings bought in) is often listed in the BOM without a
// CAD file of its own. Such a row stays unmatched, and the reason says why instead of the
// generic "no candidate", so the user does not go looking for a missing file.

import type { BomRow } from "../types.js";
import { parseStandard } from "./normalise.js";

/** Words of catalogue hardware (English, German, French, Spanish, Italian, Chinese). */
const HARDWARE_WORDS =
  /(screw|bolt|nut|washer|bearing|rivet|circlip|retaining ring|dowel|spring pin|cotter|grub|set screw|o-ring|insert|schraube|mutter|scheibe|lager|sicherungsring|stift|vis\b|écrou|ecrou|rondelle|roulement|tornillo|tuerca|arandela|rodamiento|vite|dado|rondella|cuscinetto|螺钉|螺栓|螺母|垫圈|轴承)/i;
/** Standard designations without a size ("DIN 625", "ISO 7089"). */
const STANDARD_NUMBER = /(?<![A-Za-z])(ISO|DIN|EN|GB\/?T|JIS|ANSI)[\s_-]*\d{2,5}/i;

/** The row names catalogue hardware: a standard designation or a hardware word. */
export function isBoughtInHardware(row: BomRow): boolean {
  const texts = [row.name, row.description, row.partNumber, row.note].filter((t): t is string => !!t);
  return texts.some((t) => parseStandard(t) !== null || STANDARD_NUMBER.test(t) || HARDWARE_WORDS.test(t.replace(/_/g, " ")));
}

export const BOUGHT_IN_REASON = "bought-in hardware: no CAD file";
