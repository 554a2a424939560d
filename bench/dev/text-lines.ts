// Development aid: the text lines of one page with piece positions (node --import @swc-node/register/esm-register bench/dev/text-lines.ts FILE PAGE [REGEX]).
import { withPdf, readPageText, groupLines } from "../../server/src/stages/pdf-text/index.js";
const [file, pg, pat] = process.argv.slice(2);
await withPdf(file, async (doc) => {
  const page = await readPageText(await doc.getPage(Number(pg)), Number(pg));
  for (const l of groupLines(page.items)) {
    const t = l.items.map((p) => p.str).join("|");
    if (!pat || new RegExp(pat).test(t))
      console.log(l.y.toFixed(1), l.h.toFixed(1), l.items.map((p) => `[${p.x.toFixed(0)}-${(p.x + p.w).toFixed(0)}]${p.str}`).join(" "));
  }
});
