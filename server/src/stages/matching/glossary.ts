// A small bilingual glossary of common mechanical part words, so a German or Chinese BOM
// name can meet an English CAD name even without a translation column. Kept to words that
// name a kind of part; anything rarer needs the BOM's own English note.

const WORDS: Record<string, string> = {
  // German
  schraube: "screw",
  sechskantschraube: "bolt",
  zylinderschraube: "screw",
  bolzen: "bolt",
  mutter: "nut",
  sechskantmutter: "nut",
  platte: "plate",
  grundplatte: "plate",
  blech: "plate",
  winkel: "bracket",
  halter: "bracket",
  halterung: "bracket",
  stange: "rod",
  stab: "rod",
  welle: "shaft",
  scheibe: "washer",
  unterlegscheibe: "washer",
  feder: "spring",
  lager: "bearing",
  zahnrad: "gear",
  stift: "pin",
  deckel: "cover",
  gehäuse: "housing",
  baugruppe: "assembly",
  // French
  vis: "screw",
  boulon: "bolt",
  écrou: "nut",
  ecrou: "nut",
  plaque: "plate",
  équerre: "bracket",
  equerre: "bracket",
  support: "bracket",
  tige: "rod",
  rondelle: "washer",
  arbre: "shaft",
  ressort: "spring",
  // Chinese
  螺栓: "bolt",
  螺母: "nut",
  螺帽: "nut",
  螺钉: "screw",
  底板: "plate",
  板: "plate",
  支架: "bracket",
  角码: "bracket",
  连杆: "rod",
  拉杆: "rod",
  杆: "rod",
  轴: "shaft",
  垫圈: "washer",
  垫片: "washer",
  弹簧: "spring",
  轴承: "bearing",
  齿轮: "gear",
  销: "pin",
  盖: "cover",
  壳体: "housing",
  装配: "assembly",
  // Common English drawing abbreviations
  brkt: "bracket",
  bkt: "bracket",
  scr: "screw",
  wshr: "washer",
  assy: "assembly",
  shft: "shaft",
  plt: "plate",
};

const CJK_KEYS = Object.keys(WORDS)
  .filter((k) => /\p{Script=Han}/u.test(k))
  .sort((a, b) => b.length - a.length);
const LATIN_KEYS = Object.keys(WORDS).filter((k) => !/\p{Script=Han}/u.test(k) && k.length >= 5);

/** English words the glossary finds in `text` (lower-cased input), in order of appearance. */
export function translateWords(text: string): string[] {
  const out: string[] = [];
  const lower = text.normalize("NFKC").toLowerCase();
  // Han script has no spaces: take the longest known word at each position.
  for (let i = 0; i < lower.length;) {
    const key = CJK_KEYS.find((k) => lower.startsWith(k, i));
    if (key) {
      out.push(WORDS[key]!);
      i += key.length;
    } else i++;
  }
  for (const word of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (!word || /\p{Script=Han}/u.test(word)) continue;
    const direct = WORDS[word];
    // German compounds end with the part word: "Sechskantmutter", "Befestigungswinkel".
    const tail = direct ?? LATIN_KEYS.find((k) => word.length > k.length && word.endsWith(k));
    if (direct) out.push(direct);
    else if (tail) out.push(WORDS[tail]!);
  }
  return out;
}
