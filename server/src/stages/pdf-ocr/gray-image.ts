// An 8-bit grayscale image (0 = black) and its binary PGM (P5) form: what pdftoppm writes with
// -gray and what tesseract (leptonica) reads, so no image library is needed.
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function parsePgm(buf: Uint8Array): GrayImage {
  // Header: "P5" width height maxval, separated by whitespace (comments start with #).
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] !== 0x23) break;
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    return String.fromCharCode(...buf.subarray(start, pos));
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  pos++; // the single whitespace byte before the pixels
  if (magic !== "P5" || !(width > 0) || !(height > 0) || maxval !== 255 || buf.length - pos < width * height) {
    throw new Error(`not an 8-bit binary PGM (${magic} ${width}x${height} max ${maxval})`);
  }
  return { width, height, data: buf.subarray(pos, pos + width * height) };
}

export function toPgm(img: GrayImage): Buffer {
  const head = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, "latin1");
  return Buffer.concat([head, img.data]);
}

/** The rectangle [x, y, w, h] of the image (clamped to it). */
export function crop(img: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(img.width, Math.ceil(x + w));
  const y1 = Math.min(img.height, Math.ceil(y + h));
  const out = new Uint8Array(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
  for (let r = y0; r < y1; r++) out.set(img.data.subarray(r * img.width + x0, r * img.width + x1), (r - y0) * (x1 - x0));
  return { width: x1 - x0, height: y1 - y0, data: out };
}

/** Half size, each pixel the mean of a 2×2 block: the quick pass reads this. */
export function halve(img: GrayImage): GrayImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Uint8Array(w * h);
  const W = img.width;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * W + 2 * x;
      out[y * w + x] = (img.data[i] + img.data[i + 1] + img.data[i + W] + img.data[i + W + 1] + 2) >> 2;
    }
  }
  return { width: w, height: h, data: out };
}
