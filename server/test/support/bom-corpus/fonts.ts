// The CJK font for the Chinese drawings (Debian fonts-wqy-zenhei). Tests and the bench skip
// the Chinese documents, saying so, when it is not installed.
import fs from "node:fs";

export const CJK_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
/** Family inside the TTC. */
export const CJK_FONT_FAMILY = "WenQuanYiZenHei";

export function hasCjkFont(): boolean {
  return fs.existsSync(CJK_FONT_PATH);
}
