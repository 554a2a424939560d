// npm run bench:render: time to render a ~100k-triangle assembly (a plate with 50 tessellated
// studs) like a manual step picture, at the manual's two picture sizes.
import { renderPicture, type SceneItem } from "../../server/src/render/picture.js";
import { benchAssembly } from "#test-support/stud-plate.js";

const meshes = benchAssembly();
const tris = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
const items: SceneItem[] = meshes.map((mesh, k) => ({
  mesh,
  rgb: k % 7 === 0 ? [232, 131, 58] : [205, 208, 214],
  offset: k % 7 === 0 ? [0, 0, 80] : null,
}));
for (const [w, h] of [
  [900, 540],
  [1800, 1080],
] as const) {
  renderPicture(items, [], { width: w, height: h }); // warm up the JIT
  const t0 = performance.now();
  const runs = 5;
  let bytes = 0;
  for (let i = 0; i < runs; i++) bytes = renderPicture(items, [], { width: w, height: h }).length;
  const ms = (performance.now() - t0) / runs;
  console.log(`${tris} triangles → ${w}×${h} PNG (2× supersampled): ${ms.toFixed(0)} ms per picture, ${(bytes / 1024).toFixed(0)} KB`);
}
