// A PDF page as a grayscale image, rendered by poppler's pdftoppm (as displayed: /Rotate applied).
import { StageError } from "../types.js";
import { run, type RunLimits } from "./child.js";
import { parsePgm, type GrayImage } from "./gray-image.js";

export async function renderPage(pdfPath: string, page: number, dpi: number, limits: RunLimits): Promise<GrayImage> {
  const args = ["-f", String(page), "-l", String(page), "-r", String(dpi), "-gray", "-singlefile", pdfPath];
  const out = await run("pdftoppm", args, limits, "PDF_RENDER_FAILED");
  try {
    return parsePgm(out);
  } catch (e) {
    throw new StageError("PDF_RENDER_FAILED", `pdftoppm gave no image for page ${page}: ${(e as Error).message}`);
  }
}
