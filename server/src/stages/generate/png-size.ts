// Pixel size of a PNG from its IHDR chunk (no decoding).

export function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}
