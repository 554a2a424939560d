// Fallback ruling reader: straight segments from pdfjs' operator list (pdfjs 5 packs each
// path into constructPath as [paintOp, [Float32Array of DrawOPS], minMax]).
import * as pdfjs from "./pdfjs.js";
import type { PdfPage } from "./load.js";
import type { Segment } from "./content-paths.js";

type Matrix = number[];
const { OPS } = pdfjs;
const D = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

export async function opListSegments(page: PdfPage): Promise<Segment[]> {
  const list = await page.getOperatorList();
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const apply = (x: number, y: number) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) stack.push(ctm);
    if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    if (fn === OPS.transform) ctm = pdfjs.Util.transform(ctm, args as number[]);
    if (fn === OPS.paintFormXObjectBegin && Array.isArray(args[0])) ctm = pdfjs.Util.transform(ctm, args[0] as number[]);
    if (fn !== OPS.constructPath) continue;
    const [paint, [data]] = args as [number, [ArrayLike<number> | null]];
    if (!data || paint === OPS.endPath) continue;
    const stroke = paint !== OPS.fill && paint !== OPS.eoFill;
    const pts: number[][] = [];
    let start: number[] | null = null;
    let last: number[] | null = null;
    for (let k = 0; k < data.length;) {
      const op = data[k++];
      if (op === D.moveTo) {
        last = start = apply(data[k], data[k + 1]);
        k += 2;
      } else if (op === D.lineTo) {
        const p = apply(data[k], data[k + 1]);
        k += 2;
        if (last) pts.push([...last, ...p]);
        last = p;
      } else if (op === D.curveTo) {
        last = apply(data[k + 4], data[k + 5]);
        k += 6;
      } else if (op === D.quadraticCurveTo) {
        last = apply(data[k + 2], data[k + 3]);
        k += 4;
      } else if (op === D.closePath) {
        if (last && start) pts.push([...last, ...start]);
        last = start;
      } else break;
    }
    if (stroke) for (const p of pts) out.push(p as Segment);
    else thinFills(pts, out);
  }
  return out;
}

/** Fills only count when the filled shape is a thin bar (a line drawn as a rectangle). */
function thinFills(pts: number[][], out: Segment[]): void {
  if (!pts.length) return;
  const xs = pts.flatMap((p) => [p[0], p[2]]);
  const ys = pts.flatMap((p) => [p[1], p[3]]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 2.5 && x1 - x0 > y1 - y0) out.push([x0, (y0 + y1) / 2, x1, (y0 + y1) / 2]);
  else if (x1 - x0 < 2.5 && y1 - y0 > x1 - x0) out.push([(x0 + x1) / 2, y0, (x0 + x1) / 2, y1]);
}
