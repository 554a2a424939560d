// Scanner grain and dust cost tesseract most of its time (every speck is a blob it tries to
// read) and make it guess letters in empty cells. Pixels are set to pure black or white, and
// dark pixels with at most one dark neighbour (specks) are dropped.
import type { GrayImage } from "./gray-image.js";

export function binarize(img: GrayImage, threshold = 160): GrayImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) out[i] = data[i] < threshold ? 0 : 255;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (out[i]) continue;
      let n = 0;
      if (!out[i - w - 1]) n++;
      if (!out[i - w]) n++;
      if (!out[i - w + 1]) n++;
      if (!out[i - 1]) n++;
      if (!out[i + 1]) n++;
      if (!out[i + w - 1]) n++;
      if (!out[i + w]) n++;
      if (!out[i + w + 1]) n++;
      if (n <= 1) out[i] = 255;
    }
  }
  return { width: w, height: h, data: out };
}
