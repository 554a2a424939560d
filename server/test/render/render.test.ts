import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { benchAssembly } from "../support/stud-plate.js";
import { boxMesh } from "../../src/render/mesh.js";
import { renderPicture, type SceneItem } from "../../src/render/picture.js";

const pixel = (png: PNG, x: number, y: number) => {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
};

describe("renderPicture", () => {
  it("draws a shaded, outlined box framed in the picture on white", () => {
    const buf = renderPicture([{ mesh: boxMesh([0, 0, 0], [100, 60, 20]), rgb: [230, 120, 40] }], [], { width: 200, height: 150 });
    const png = PNG.sync.read(buf);
    expect([png.width, png.height]).toEqual([200, 150]);
    expect(pixel(png, 2, 2)).toEqual([255, 255, 255]);
    let orange = 0,
      dark = 0,
      minX = 200,
      maxX = 0;
    for (let y = 0; y < 150; y++)
      for (let x = 0; x < 200; x++) {
        const [r, g, b] = pixel(png, x, y);
        if (r! > g! + 40 && g! > b!) orange++;
        if (r! < 90 && g! < 90 && b! < 90) dark++;
        if (r! < 250) [minX, maxX] = [Math.min(minX, x), Math.max(maxX, x)];
      }
    expect(orange).toBeGreaterThan(3000); // faces in colour
    expect(dark).toBeGreaterThan(150); // outlines
    expect(minX).toBeLessThan(20); // framed to the content
    expect(maxX).toBeGreaterThan(180);
  });

  it("renders a 100k-triangle assembly in well under a second per picture", () => {
    const items: SceneItem[] = benchAssembly(100_000).map((mesh) => ({ mesh, rgb: [205, 208, 214] }));
    const tris = items.reduce((s, it) => s + it.mesh.indices.length / 3, 0);
    renderPicture(items, [], { width: 900, height: 540 }); // warm-up
    const t0 = performance.now();
    const png = renderPicture(items, [], { width: 900, height: 540 });
    const ms = performance.now() - t0;
    console.log(`render: ${tris} triangles → 900×540 PNG in ${ms.toFixed(0)} ms (${(png.length / 1024).toFixed(0)} KB)`);
    expect(tris).toBeGreaterThanOrEqual(100_000);
    expect(ms).toBeLessThan(3000);
  });
});
