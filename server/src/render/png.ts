// Downsample the supersampled colour buffer (box filter, the anti-aliasing) and encode RGB PNG.
// The encoder is written out here rather than via pngjs: pngjs allocates and fills several
// full-size buffers per picture (RGBA canvas, copies), which in a 140-picture manual made
// hundreds of MB of garbage. Same filter (Up), zlib level and strategy as the pngjs settings
// it replaces, so the files are byte for byte the same.

import { crc32, deflateSync } from "node:zlib";
import type { Raster } from "./rasterise.js";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** zlib settings pngjs used: level 6, Z_RLE (strategy 3). */
const DEFLATE = { level: 6, strategy: 3, chunkSize: 32 * 1024 };

// Filtered scanlines and the previous downsampled row, reused across pictures.
let filteredPool = new Uint8Array(0);
let rowPool = new Uint8Array(0);

/** Box-filter `r` down by `factor` into PNG scanlines, each "Up"-filtered (type 2). */
function filteredScanlines(r: Raster, factor: number, w: number, h: number): Uint8Array {
  const stride = w * 3 + 1;
  if (filteredPool.length < stride * h) filteredPool = new Uint8Array(stride * h);
  if (rowPool.length < stride) rowPool = new Uint8Array(stride);
  const out = filteredPool.subarray(0, stride * h);
  const prev = rowPool.fill(0, 0, stride); // the row above the first one is zeros
  const src = r.colour,
    W = r.width,
    n = factor * factor;
  for (let y = 0; y < h; y++) {
    let o = y * stride;
    out[o++] = 2;
    for (let x = 0; x < w; x++) {
      let cr: number, cg: number, cb: number;
      if (factor === 2) {
        // The usual 2×: the four samples read directly (the general loop costs ~2× more).
        const i = 2 * (y * W + x);
        const a = src[i],
          b = src[i + 1],
          c = src[i + W],
          d = src[i + W + 1];
        const rb = (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff);
        cr = (rb & 0xffff) >> 2;
        cb = rb >>> 18;
        cg = (((a >> 8) & 255) + ((b >> 8) & 255) + ((c >> 8) & 255) + ((d >> 8) & 255)) >> 2;
      } else {
        // R and B summed in separate 16-bit lanes of one int (no carry for factor ≤ 16), G on its own.
        let rb = 0,
          g = 0;
        for (let dy = 0; dy < factor; dy++) {
          let i = (y * factor + dy) * W + x * factor;
          for (let dx = 0; dx < factor; dx++, i++) {
            const v = src[i];
            rb += v & 0xff00ff;
            g += (v >> 8) & 255;
          }
        }
        cr = ((rb & 0xffff) / n) | 0;
        cg = (g / n) | 0;
        cb = ((rb >>> 16) / n) | 0;
      }
      const p = x * 3;
      out[o++] = cr - prev[p];
      out[o++] = cg - prev[p + 1];
      out[o++] = cb - prev[p + 2];
      prev[p] = cr;
      prev[p + 1] = cg;
      prev[p + 2] = cb;
    }
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const buf = Buffer.alloc(12 + data.length);
  buf.writeUInt32BE(data.length, 0);
  buf.write(type, 4, "latin1");
  buf.set(data, 8);
  buf.writeUInt32BE(crc32(buf.subarray(4, 8 + data.length)), 8 + data.length);
  return buf;
}

export function encodePng(r: Raster, factor: number): Buffer {
  const w = Math.floor(r.width / factor),
    h = Math.floor(r.height / factor);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, filter set 0, no interlace
  const idat = deflateSync(filteredScanlines(r, factor, w, h), DEFLATE);
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]);
}
