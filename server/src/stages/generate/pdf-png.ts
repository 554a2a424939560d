// Our PNGs as pdfkit images without pdfkit's PNG reader: that one (png-js) copies the
// compressed data byte by byte into a JS array, which was a sixth of GENERATE's time on a big
// manual. Our PNGs are always 8-bit RGB, not interlaced, no palette or alpha (render/png.ts),
// so the IDAT stream goes into the PDF as is, with the same objects pdfkit itself writes for
// such a PNG. Each picture is embedded once per document however often it is placed.

type Doc = PDFKit.PDFDocument;

/** What pdfkit's doc.image() accepts as an already opened image. */
interface OpenedImage {
  label: string;
  width: number;
  height: number;
  obj: PDFKit.PDFKitReference | null;
  embed(doc: Doc): void;
}

/** IHDR fields and the concatenated IDAT data of a PNG. */
export function readPng(png: Buffer): { width: number; height: number; bits: number; colorType: number; interlace: number; idat: Buffer } {
  const parts: Buffer[] = [];
  let width = 0,
    height = 0,
    bits = 0,
    colorType = 0,
    interlace = 0;
  for (let pos = 8; pos + 8 <= png.length;) {
    const len = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      [bits, colorType, interlace] = [data[8]!, data[9]!, data[12]!];
    } else if (type === "IDAT") parts.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  return { width, height, bits, colorType, interlace, idat: Buffer.concat(parts) };
}

class RgbPng implements OpenedImage {
  obj: PDFKit.PDFKitReference | null = null;
  constructor(
    readonly label: string,
    readonly width: number,
    readonly height: number,
    private idat: Buffer | null,
  ) {}

  /** The objects and order of pdfkit's PNGImage.embed for an RGB PNG without alpha. */
  embed(doc: Doc): void {
    if (this.obj) return;
    const obj = (this.obj = doc.ref({
      Type: "XObject",
      Subtype: "Image",
      BitsPerComponent: 8,
      Width: this.width,
      Height: this.height,
      Filter: "FlateDecode",
    }));
    const params = doc.ref({ Predictor: 15, Colors: 3, BitsPerComponent: 8, Columns: this.width });
    (obj.data as Record<string, unknown>)["DecodeParms"] = params;
    params.end(undefined);
    (obj.data as Record<string, unknown>)["ColorSpace"] = "DeviceRGB";
    obj.end(this.idat);
    this.idat = null;
  }
}

/**
 * `doc.image()` source for a PNG: our own embedding for the renderer's RGB PNGs (one per
 * buffer per document), pdfkit's reader for anything else.
 */
export function pdfImages(doc: Doc): (png: Buffer) => PDFKit.Mixins.ImageSrc {
  const opened = new WeakMap<Buffer, PDFKit.Mixins.ImageSrc>();
  // pdfkit numbers its own images I1, I2, …: share its counter so labels never clash.
  const counter = doc as unknown as { _imageCount: number };
  return (png) => {
    const hit = opened.get(png);
    if (hit) return hit;
    const p = readPng(png);
    if (p.bits !== 8 || p.colorType !== 2 || p.interlace !== 0 || !p.width || !p.height) return png;
    // doc.image() takes any object with a width and height as an opened image; its types only list buffers and paths.
    const img = new RgbPng(`I${++counter._imageCount}`, p.width, p.height, p.idat) as unknown as PDFKit.Mixins.ImageSrc;
    opened.set(png, img);
    return img;
  };
}
