// Downsample the supersampled colour buffer (box filter, the anti-aliasing) and encode RGB PNG.

import { PNG } from "pngjs";
import type { Raster } from "./rasterise.js";

export function encodePng(r: Raster, factor: number): Buffer {
  const w = Math.floor(r.width / factor), h = Math.floor(r.height / factor);
  const out = Buffer.alloc(w * h * 3);
  const src = r.colour, W = r.width, n = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sr = 0, sg = 0, sb = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * W + x * factor) * 3;
        for (let dx = 0; dx < factor; dx++, i += 3) {
          sr += src[i];
          sg += src[i + 1];
          sb += src[i + 2];
        }
      }
      const o = (y * w + x) * 3;
      out[o] = sr / n;
      out[o + 1] = sg / n;
      out[o + 2] = sb / n;
    }
  }
  const png = new PNG({ width: w, height: h, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = out;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 6, filterType: 2 });
}
