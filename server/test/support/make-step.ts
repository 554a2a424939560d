// Writes small but valid AP214 STEP assemblies of boxes, so the STEP tests also run on a clean
// clone without the shared fixtures. Every part is a PRODUCT with its own B-rep box, placed in
// the top assembly by NEXT_ASSEMBLY_USAGE_OCCURRENCE + CONTEXT_DEPENDENT_SHAPE_REPRESENTATION.

export interface StepPartSpec {
  name: string;
  size: [number, number, number];
  placements: Array<[number, number, number]>;
  /** The part's geometry lives in this other STEP file (DOCUMENT_FILE), as SolidWorks writes assemblies. */
  file?: string;
  /** A sub-assembly instead of a part: its own parts, placed relative to each of its placements (size unused). */
  parts?: StepPartSpec[];
}

export interface StepAssemblySpec {
  name: string;
  parts: StepPartSpec[];
  /** Name every solid and B-rep representation 'SOLID', like many exporters do. */
  genericSolidNames?: boolean;
  /**
   * Write PRODUCT('<part number>','SOLID','<description>'): occt then names every part SOLID,
   * the real name survives only as the PRODUCT id ("id") or description ("description").
   */
  genericProductNames?: "id" | "description";
  /** PRODUCT description of every part (default ''). */
  descriptions?: Record<string, string>;
}

/** Part 21 real: always with a '.', exponent form kept short. */
function real(n: number): string {
  if (Number.isInteger(n)) return `${n}.`;
  const s = String(n);
  return s.includes("e") ? s.replace("e", "E") : s;
}
function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Part 21 spelling of non-ASCII text: \X2\<UTF-16 hex>\X0\, as CAD exporters write it. */
export function escapeNonAscii(s: string): string {
  return s.replace(
    /[^\x00-\x7f]+/g,
    (run) => `\\X2\\${[...run].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")).join("")}\\X0\\`,
  );
}

class Writer {
  private lines: string[] = [];
  private next = 1;
  add(body: string): string {
    const id = `#${this.next++}`;
    this.lines.push(`${id}=${body};`);
    return id;
  }
  text(): string {
    return this.lines.join("\n");
  }
}

interface Ctx {
  w: Writer;
  productContext: string;
  pdContext: string;
  geomContext: string;
  origin: string;
  dirZ: string;
  dirX: string;
}

function point(ctx: Ctx, p: readonly number[]): string {
  return ctx.w.add(`CARTESIAN_POINT('',(${p.map(real).join(",")}))`);
}
function direction(ctx: Ctx, d: readonly number[]): string {
  return ctx.w.add(`DIRECTION('',(${d.map(real).join(",")}))`);
}

/** PRODUCT … PRODUCT_DEFINITION_SHAPE; returns the PD and its PDS. */
function product(ctx: Ctx, name: string, id = name, description = ""): { pd: string; pds: string } {
  const p = ctx.w.add(`PRODUCT(${str(id)},${str(name)},${str(description)},(${ctx.productContext}))`);
  ctx.w.add(`PRODUCT_RELATED_PRODUCT_CATEGORY('part',$,(${p}))`);
  const f = ctx.w.add(`PRODUCT_DEFINITION_FORMATION('','',${p})`);
  const pd = ctx.w.add(`PRODUCT_DEFINITION('design','',${f},${ctx.pdContext})`);
  const pds = ctx.w.add(`PRODUCT_DEFINITION_SHAPE('','',${pd})`);
  return { pd, pds };
}

/** Closed box [0,size] as a MANIFOLD_SOLID_BREP of 6 planar ADVANCED_FACEs. */
function boxSolid(ctx: Ctx, size: readonly [number, number, number], name: string): string {
  const [sx, sy, sz] = size;
  const corner = (i: number): [number, number, number] => [i & 1 ? sx : 0, i & 2 ? sy : 0, i & 4 ? sz : 0];
  const vertices = Array.from({ length: 8 }, (_, i) => ctx.w.add(`VERTEX_POINT('',${point(ctx, corner(i))})`));
  const edges = new Map<string, string>();
  const edge = (a: number, b: number): string => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const key = `${lo}-${hi}`;
    let e = edges.get(key);
    if (!e) {
      const p0 = corner(lo);
      const p1 = corner(hi);
      const d = p1.map((v, k) => v - p0[k]!);
      const len = Math.hypot(...d);
      const vec = ctx.w.add(
        `VECTOR('',${direction(
          ctx,
          d.map((v) => v / len),
        )},${real(len)})`,
      );
      const line = ctx.w.add(`LINE('',${point(ctx, p0)},${vec})`);
      e = ctx.w.add(`EDGE_CURVE('',${vertices[lo]},${vertices[hi]},${line},.T.)`);
      edges.set(key, e);
    }
    return e;
  };
  // Corner loops counter-clockwise seen from outside, with the outward normal.
  const faces: Array<{ loop: number[]; normal: [number, number, number]; ref: [number, number, number] }> = [
    { loop: [0, 2, 3, 1], normal: [0, 0, -1], ref: [1, 0, 0] },
    { loop: [4, 5, 7, 6], normal: [0, 0, 1], ref: [1, 0, 0] },
    { loop: [0, 1, 5, 4], normal: [0, -1, 0], ref: [1, 0, 0] },
    { loop: [2, 6, 7, 3], normal: [0, 1, 0], ref: [1, 0, 0] },
    { loop: [0, 4, 6, 2], normal: [-1, 0, 0], ref: [0, 0, 1] },
    { loop: [1, 3, 7, 5], normal: [1, 0, 0], ref: [0, 0, 1] },
  ];
  const faceIds = faces.map(({ loop, normal, ref }) => {
    const oriented = loop.map((a, k) => {
      const b = loop[(k + 1) % 4]!;
      return ctx.w.add(`ORIENTED_EDGE('',*,*,${edge(a, b)},${a < b ? ".T." : ".F."})`);
    });
    const edgeLoop = ctx.w.add(`EDGE_LOOP('',(${oriented.join(",")}))`);
    const bound = ctx.w.add(`FACE_OUTER_BOUND('',${edgeLoop},.T.)`);
    const axis = ctx.w.add(`AXIS2_PLACEMENT_3D('',${point(ctx, corner(loop[0]!))},${direction(ctx, normal)},${direction(ctx, ref)})`);
    const plane = ctx.w.add(`PLANE('',${axis})`);
    return ctx.w.add(`ADVANCED_FACE('',(${bound}),${plane},.T.)`);
  });
  const shell = ctx.w.add(`CLOSED_SHELL('',(${faceIds.join(",")}))`);
  return ctx.w.add(`MANIFOLD_SOLID_BREP(${str(name)},${shell})`);
}

export function makeStepAssembly(spec: StepAssemblySpec): string {
  const w = new Writer();
  const appContext = w.add(`APPLICATION_CONTEXT('core data for automotive mechanical design processes')`);
  w.add(`APPLICATION_PROTOCOL_DEFINITION('international standard','automotive_design',2000,${appContext})`);
  const lengthUnit = w.add(`(LENGTH_UNIT()NAMED_UNIT(*)SI_UNIT(.MILLI.,.METRE.))`);
  const angleUnit = w.add(`(NAMED_UNIT(*)PLANE_ANGLE_UNIT()SI_UNIT($,.RADIAN.))`);
  const solidAngle = w.add(`(NAMED_UNIT(*)SI_UNIT($,.STERADIAN.)SOLID_ANGLE_UNIT())`);
  const uncertainty = w.add(`UNCERTAINTY_MEASURE_WITH_UNIT(LENGTH_MEASURE(1.E-07),${lengthUnit},'distance_accuracy_value','confusion accuracy')`);
  const ctx: Ctx = {
    w,
    productContext: w.add(`PRODUCT_CONTEXT('',${appContext},'mechanical')`),
    pdContext: w.add(`PRODUCT_DEFINITION_CONTEXT('part definition',${appContext},'design')`),
    geomContext: w.add(
      `(GEOMETRIC_REPRESENTATION_CONTEXT(3)GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT((${uncertainty}))` +
        `GLOBAL_UNIT_ASSIGNED_CONTEXT((${lengthUnit},${angleUnit},${solidAngle}))REPRESENTATION_CONTEXT('',''))`,
    ),
    origin: "",
    dirZ: "",
    dirX: "",
  };
  ctx.dirZ = direction(ctx, [0, 0, 1]);
  ctx.dirX = direction(ctx, [1, 0, 0]);
  ctx.origin = w.add(`AXIS2_PLACEMENT_3D('',${point(ctx, [0, 0, 0])},${ctx.dirZ},${ctx.dirX})`);

  // Parts first (each its own product and B-rep representation), sub-assemblies once each.
  type Written = { spec: StepPartSpec; pd: string; rep: string };
  const writePart = (p: StepPartSpec): Written => {
    if (p.parts) return { spec: p, ...writeAssembly(p.name, p.parts.map(writePart)) };
    const description = spec.descriptions?.[p.name] ?? "";
    const { pd, pds } =
      spec.genericProductNames === "id"
        ? product(ctx, "SOLID", p.name, description)
        : spec.genericProductNames === "description"
          ? product(ctx, "SOLID", "SOLID", p.name)
          : product(ctx, p.name, p.name, description);
    if (p.file) {
      const type = w.add(`DOCUMENT_TYPE('geometry')`);
      const doc = w.add(`DOCUMENT_FILE(${str(escapeNonAscii(p.file))},'','',${type},'',$)`);
      w.add(`APPLIED_DOCUMENT_REFERENCE(${doc},'',(${pd}))`);
      const rep = w.add(`SHAPE_REPRESENTATION(${str(p.name)},(${ctx.origin}),${ctx.geomContext})`);
      w.add(`SHAPE_DEFINITION_REPRESENTATION(${pds},${rep})`);
      return { spec: p, pd, rep };
    }
    const solidName = spec.genericSolidNames ? "SOLID" : p.name;
    const solid = boxSolid(ctx, p.size, solidName);
    const rep = w.add(`ADVANCED_BREP_SHAPE_REPRESENTATION(${str(solidName)},(${ctx.origin},${solid}),${ctx.geomContext})`);
    w.add(`SHAPE_DEFINITION_REPRESENTATION(${pds},${rep})`);
    return { spec: p, pd, rep };
  };

  // An assembly: one axis placement per instance in its shape representation.
  function writeAssembly(name: string, parts: Written[]): { pd: string; rep: string } {
    const top = product(ctx, name);
    const placements = parts.flatMap((p) =>
      p.spec.placements.map((at, k) => ({
        part: p,
        index: k + 1,
        axis: w.add(`AXIS2_PLACEMENT_3D('',${point(ctx, at)},${ctx.dirZ},${ctx.dirX})`),
      })),
    );
    const topRep = w.add(`SHAPE_REPRESENTATION(${str(name)},(${[ctx.origin, ...placements.map((p) => p.axis)].join(",")}),${ctx.geomContext})`);
    w.add(`SHAPE_DEFINITION_REPRESENTATION(${top.pds},${topRep})`);
    placements.forEach((pl, n) => {
      const nauo = w.add(
        `NEXT_ASSEMBLY_USAGE_OCCURRENCE(${str(String(n + 1))},${str(`${spec.genericProductNames ? "SOLID" : pl.part.spec.name}_${pl.index}`)},'',${top.pd},${pl.part.pd},$)`,
      );
      const idt = w.add(`ITEM_DEFINED_TRANSFORMATION('','',${ctx.origin},${pl.axis})`);
      const rel = w.add(
        `(REPRESENTATION_RELATIONSHIP('','',${pl.part.rep},${topRep})` +
          `REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION(${idt})SHAPE_REPRESENTATION_RELATIONSHIP())`,
      );
      const placementShape = w.add(`PRODUCT_DEFINITION_SHAPE('Placement','Placement of an item',${nauo})`);
      w.add(`CONTEXT_DEPENDENT_SHAPE_REPRESENTATION(${rel},${placementShape})`);
    });
    return { pd: top.pd, rep: topRep };
  }
  writeAssembly(spec.name, spec.parts.map(writePart));

  const header = [
    "ISO-10303-21;",
    "HEADER;",
    "FILE_DESCRIPTION(('manualforge generated test assembly'),'2;1');",
    `FILE_NAME(${str(`${spec.name}.stp`)},'2024-01-01T00:00:00',(''),(''),'manualforge make-step','manualforge','');`,
    "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));",
    "ENDSEC;",
    "DATA;",
  ];
  return `${header.join("\n")}\n${w.text()}\nENDSEC;\nEND-ISO-10303-21;\n`;
}
