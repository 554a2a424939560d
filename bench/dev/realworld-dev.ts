// Development aid: the real-world documents scored one by one; V=1 prints rows, D=1 the differences from the truth.
// Quick look while developing: every real document's score and its first rows.
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import { realDocs, realMetrics, scoreReal } from "#test-support/realworld.js";
const only = process.argv[2];
for (const d of realDocs(process.env.DIR).docs) {
  if (only && !d.stem.includes(only)) continue;
  const logs: string[] = [];
  try {
    const r = await runPdfBom({ pdfPath: d.file }, { stage() {}, log: (l, m) => void logs.push(`${l} ${m}`) });
    const m = realMetrics(scoreReal(r.rows, d));
    console.log(
      `== ${d.stem}: ${r.rows.length}/${d.rows.length} P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)} cells ${m.cellAccuracy.toFixed(3)} extras ${m.extrasKept.toFixed(3)} sections ${m.sections.toFixed(3)}`,
    );
    if (process.env.V) {
      for (const l of logs) console.log("   ", l);
      for (const row of r.rows.slice(0, Number(process.env.N ?? 200)))
        console.log(
          "  ",
          JSON.stringify({
            i: row.item,
            pn: row.partNumber,
            n: row.name,
            q: row.quantity,
            s: row.section,
            l: row.level,
            c: row.columns?.map((c) => c.text),
          }),
        );
    }
  } catch (e) {
    console.log("==", d.stem, "ERR", (e as Error).stack);
  }
}
if (process.env.D) {
  const { normText } = await import("#test-support/realworld.js");
  for (const d of realDocs(process.env.DIR).docs) {
    if (only && !d.stem.includes(only)) continue;
    const r = await runPdfBom({ pdfPath: d.file }, { stage() {}, log() {} });
    const key = (x: { item: string | null; name: string | null; partNumber: string | null; quantity: number | null }) =>
      `${x.item}|${normText(x.partNumber)}|${normText(x.name)}|${x.quantity}`;
    const got = new Set(r.rows.map(key));
    const tru = new Set(d.rows.map(key));
    for (const t of d.rows) if (!got.has(key(t))) console.log("  missing/wrong truth:", key(t));
    for (const g of r.rows) if (!tru.has(key(g))) console.log("  extra/wrong got:  ", key(g), g.section);
    for (const s of d.sections ?? [])
      for (const i of s.rowIndexes) {
        const g = r.rows.find((x) => key(x) === key(d.rows[i - 1]));
        if (g && normText(g.section) !== normText(s.heading)) console.log("  section:", key(d.rows[i - 1]), "want", s.heading, "got", g.section);
      }
    for (const t of d.rows)
      for (const [h, v] of Object.entries(t.extra ?? {})) {
        if (!v) continue;
        const g = r.rows.find((x) => x.item === t.item && normText(x.name) === normText(t.name));
        if (g && !g.columns?.some((c) => normText(c.header) === normText(h) && normText(c.text) === normText(v)))
          console.log("  extra lost:", t.item, h, JSON.stringify(v), JSON.stringify(g.columns?.map((c) => [c.header, c.text])));
      }
  }
}
