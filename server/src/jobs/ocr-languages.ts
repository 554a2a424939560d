// createJob(ocrLanguages): checked before anything is stored. Codes are tesseract's ("eng",
// "deu", "chi_sim") or their short aliases ("de"); each must be installed on this server, else
// BAD_USER_INPUT lists what is. Stored on the job comma-separated, handed to PDF_BOM's OCR.
import { badInput } from "../graphql/errors.js";
import { installedLanguages, normalizeLanguages } from "../stages/pdf-ocr/languages.js";

/** Budgets for an untrusted list: a few short codes. */
const MAX_LANGUAGES = 8;
const CODE = /^[A-Za-z_-]{2,16}$/;

/** The asked languages, normalised ("de" → "deu", duplicates dropped); null when none were asked. */
export function checkOcrLanguages(asked: readonly string[] | null | undefined): string[] | null {
  if (!asked?.length) return null;
  const available = [...installedLanguages()].sort();
  if (asked.length > MAX_LANGUAGES) {
    throw badInput(`ocrLanguages: at most ${MAX_LANGUAGES} languages`, { argument: "ocrLanguages", available });
  }
  const malformed = asked.filter((c) => !CODE.test(c.trim()));
  const { ok, missing } = normalizeLanguages(asked.filter((c) => CODE.test(c.trim())));
  const unknown = [...malformed.map((c) => c.slice(0, 20)), ...missing];
  if (unknown.length) {
    const have = available.length ? `available: ${available.join(", ")}` : "OCR is not installed on this server";
    throw badInput(`ocrLanguages: unknown or not installed: ${unknown.join(", ")} (${have})`, { argument: "ocrLanguages", unknown, available });
  }
  return ok;
}

export const storeOcrLanguages = (langs: string[] | null): string | null => (langs?.length ? langs.join(",") : null);
export const readOcrLanguages = (stored: string | null | undefined): string[] | null => (stored ? stored.split(",").filter(Boolean) : null);
