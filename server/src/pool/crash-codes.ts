// Every exception a stage can end with becomes a typed code. StageError carries its own; the
// rest are classified by class and stage here, so a parser that gives up on hostile input (a
// stack overflow on deep nesting, a buffer past its cap, pdfjs' format errors) ends with a
// PDF_/STEP_ code instead of STAGE_CRASHED. What is left is a real bug: STAGE_CRASHED.
import type { JobFailureCode } from "../errors/job-failure-codes.js";
import type { StageName } from "../stages/types.js";

export interface Classified {
  code: JobFailureCode;
  message: string;
}

const PARSER_PREFIX: Partial<Record<StageName, "PDF" | "STEP">> = { PDF_BOM: "PDF", PDF_DEEP: "PDF", STEP_EXTRACT: "STEP" };

/** Out-of-budget errors the JS engine and Node raise (stack depth, array/string/buffer sizes). */
function isResourceError(e: Error & { code?: string }): boolean {
  if (e.code === "ERR_BUFFER_TOO_LARGE" || e.code === "ERR_STRING_TOO_LONG" || e.code === "ERR_OUT_OF_RANGE") return true;
  if (e instanceof RangeError) return /call stack|array length|string length|buffer|allocation|too large/i.test(e.message);
  return /Maximum call stack|out of memory|allocation failed/i.test(e.message ?? "");
}

/** pdfjs' own exception classes (they come from another realm's module, so matched by name). */
const PDF_INVALID_NAMES = new Set([
  "InvalidPDFException",
  "FormatError",
  "UnknownErrorException",
  "MissingPDFException",
  "UnexpectedResponseException",
]);

export function classifyCrash(stage: StageName, err: unknown): Classified | null {
  const e = (err instanceof Error ? err : new Error(String(err))) as Error & { code?: string };
  const prefix = PARSER_PREFIX[stage];
  if (prefix && isResourceError(e)) {
    return { code: `${prefix}_TOO_COMPLEX` as const, message: `The ${prefix} file is too complex to read within the server's limits (${e.message})` };
  }
  if (prefix === "PDF" && PDF_INVALID_NAMES.has(e.name)) {
    return { code: "PDF_INVALID", message: `The file is not a readable PDF: ${e.message}` };
  }
  if (prefix === "PDF" && e.name === "PasswordException") {
    return { code: "PDF_ENCRYPTED", message: "The PDF is password-protected; upload a copy without a password" };
  }
  if (prefix === "STEP" && e.name === "StepSyntaxError") {
    return { code: "STEP_INVALID", message: `The STEP file is malformed: ${e.message}` };
  }
  return null;
}
