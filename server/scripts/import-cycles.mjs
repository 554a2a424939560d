// Fails when modules import each other in a circle, type-only imports included. ESLint's
// import-x/no-cycle catches runtime cycles but skips `import type`, and a type-only circle is
// still two modules that cannot be read, moved or tested apart: the fix is a leaf type module.
// Run by `npm run lint`. Uses TypeScript's import scanner (no type check), so it takes ~1 s.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const DIRS = ["server", "client", "bench", "prisma"];
const SKIP = new Set(["node_modules", "dist", "generated", "generated-pg", "test-artifacts"]);
const SOURCE = /\.(ts|tsx|mts|mjs)$/;

function sources(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) sources(p, out);
    } else if (SOURCE.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** `./x.js` → x.ts (NodeNext style), or the file itself; null for packages and missing files. */
function resolveLocal(from, spec) {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, ".ts"), base.replace(/\.js$/, ".tsx"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

const graph = new Map();
for (const file of DIRS.flatMap((d) => (fs.existsSync(path.join(ROOT, d)) ? sources(path.join(ROOT, d)) : []))) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  graph.set(file, [...new Set(importedFiles.map((i) => resolveLocal(file, i.fileName)).filter((f) => f !== null))]);
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(v) {
  index.set(v, index.size);
  low.set(v, index.get(v));
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(path.relative(ROOT, w));
  } while (w !== v);
  if (component.length > 1) cycles.push(component.sort());
}
for (const v of graph.keys()) if (!index.has(v)) visit(v);

if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s) (type-only imports count; move the shared types to a leaf module):`);
  for (const c of cycles) console.error(`  ${c.join(" ↔ ")}`);
  process.exit(1);
}
console.log(`import-cycles: ${graph.size} modules, no cycle`);
