import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/render/png.js";
import { newRaster, packRgb } from "../../src/render/rasterise.js";

describe("encodePng", () => {
  it("box-filters the supersampled colours and writes a PNG any reader decodes to those pixels", () => {
    // 6×4 samples → 3×2 pixels at 2×; every sample different so each lane and row matters.
    const r = newRaster(6, 4);
    for (let i = 0; i < 24; i++) r.colour[i] = packRgb((i * 37) % 256, (i * 91 + 5) % 256, 255 - ((i * 53) % 256));
    const rgbAt = (x: number, y: number) => {
      const v = r.colour[y * 6 + x]!;
      return [v & 255, (v >> 8) & 255, (v >> 16) & 255];
    };
    for (const factor of [2, 1]) {
      const png = PNG.sync.read(encodePng(r, factor));
      const w = 6 / factor,
        h = 4 / factor;
      expect([png.width, png.height]).toEqual([w, h]);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const want = [0, 1, 2].map((c) => {
            let s = 0;
            for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) s += rgbAt(x * factor + dx, y * factor + dy)[c]!;
            return Math.floor(s / (factor * factor));
          });
          const i = (y * w + x) * 4;
          expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual(want);
        }
    }
  });
});
