// A big STEP assembly made from a fixture: `copies` renumbered copies of the fixture's whole
// DATA section, each placed on a grid by a new top assembly (NAUO + CDSR, the AP214 way).
import fs from "node:fs";

interface Root {
  pd: number;
  rep: number;
  origin: number;
  context: number;
  productContext: number;
  pdContext: number;
}

/** The fixture's root: the PRODUCT_DEFINITION no NAUO uses as a component. */
function findRoot(data: string): Root {
  const flat = data.replace(/\s+/g, " ");
  const components = new Set([...flat.matchAll(/NEXT_ASSEMBLY_USAGE_OCCURRENCE\([^;]*?,#(\d+),#(\d+),/g)].map((m) => Number(m[2])));
  const pds = [...flat.matchAll(/#(\d+) ?= ?PRODUCT_DEFINITION ?\('[^']*','[^']*',#(\d+),#(\d+)\)/g)];
  const root = pds.find((m) => !components.has(Number(m[1])));
  if (!root) throw new Error("no root PRODUCT_DEFINITION");
  const pd = Number(root[1]);
  const shape = new RegExp(`#(\\d+) ?= ?PRODUCT_DEFINITION_SHAPE ?\\('[^']*','[^']*',#${pd}\\)`).exec(flat);
  const sdr = shape && new RegExp(`SHAPE_DEFINITION_REPRESENTATION ?\\(#${shape[1]},#(\\d+)\\)`).exec(flat);
  if (!sdr) throw new Error("no shape representation for the root");
  const rep = Number(sdr[1]);
  const repM = new RegExp(`#${rep} ?= ?SHAPE_REPRESENTATION ?\\('[^']*',\\(#(\\d+)[^)]*\\),#(\\d+)\\)`).exec(flat);
  if (!repM) throw new Error("root representation not understood");
  const formation = new RegExp(`#${root[2]} ?= ?PRODUCT_DEFINITION_FORMATION[A-Z_]* ?\\('[^']*','[^']*',#(\\d+)`).exec(flat)!;
  const product = new RegExp(`#${formation[1]} ?= ?PRODUCT ?\\('[^']*','[^']*','[^']*',\\(#(\\d+)`).exec(flat)!;
  return { pd, rep, origin: Number(repM[1]), context: Number(repM[2]), productContext: Number(product[1]), pdContext: Number(root[3]) };
}

export function repeatStep(fixture: string, copies: number, spacing = 400): string {
  const text = fs.readFileSync(fixture, "latin1");
  const start = text.indexOf("DATA;") + "DATA;".length;
  const end = text.lastIndexOf("ENDSEC;");
  const header = text.slice(0, start);
  const data = text.slice(start, end);
  const root = findRoot(data);
  const maxId = Math.max(...[...data.matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
  const offset = 10 ** String(maxId).length;
  const id = (k: number, n: number) => `#${k * offset + n}`;
  const parts: string[] = [header];
  for (let k = 0; k < copies; k++) parts.push(data.replace(/#(\d+)/g, (_, n: string) => id(k, Number(n))));

  let next = copies * offset + 1;
  const out: string[] = [];
  const add = (body: string) => {
    const ref = `#${next++}`;
    out.push(`${ref}=${body};`);
    return ref;
  };
  const product = add(`PRODUCT('bench-top','bench-top','',(${id(0, root.productContext)}))`);
  const formation = add(`PRODUCT_DEFINITION_FORMATION('','',${product})`);
  const topPd = add(`PRODUCT_DEFINITION('design','',${formation},${id(0, root.pdContext)})`);
  const topPds = add(`PRODUCT_DEFINITION_SHAPE('','',${topPd})`);
  const dz = add(`DIRECTION('',(0.,0.,1.))`);
  const dx = add(`DIRECTION('',(1.,0.,0.))`);
  const origin = add(`AXIS2_PLACEMENT_3D('',${add(`CARTESIAN_POINT('',(0.,0.,0.))`)},${dz},${dx})`);
  const side = Math.ceil(Math.sqrt(copies));
  const axes = Array.from({ length: copies }, (_, k) => {
    const p = add(`CARTESIAN_POINT('',(${(k % side) * spacing}.,${Math.floor(k / side) * spacing}.,0.))`);
    return add(`AXIS2_PLACEMENT_3D('',${p},${dz},${dx})`);
  });
  const topRep = add(`SHAPE_REPRESENTATION('bench-top',(${[origin, ...axes].join(",")}),${id(0, root.context)})`);
  add(`SHAPE_DEFINITION_REPRESENTATION(${topPds},${topRep})`);
  for (let k = 0; k < copies; k++) {
    const nauo = add(`NEXT_ASSEMBLY_USAGE_OCCURRENCE('${k + 1}','copy_${k + 1}','',${topPd},${id(k, root.pd)},$)`);
    const idt = add(`ITEM_DEFINED_TRANSFORMATION('','',${id(k, root.origin)},${axes[k]})`);
    const rel = add(
      `(REPRESENTATION_RELATIONSHIP('','',${id(k, root.rep)},${topRep})REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION(${idt})SHAPE_REPRESENTATION_RELATIONSHIP())`,
    );
    add(`CONTEXT_DEPENDENT_SHAPE_REPRESENTATION(${rel},${add(`PRODUCT_DEFINITION_SHAPE('Placement','',${nauo})`)})`);
  }
  parts.push("\n", out.join("\n"), "\nENDSEC;\nEND-ISO-10303-21;\n");
  return parts.join("");
}
