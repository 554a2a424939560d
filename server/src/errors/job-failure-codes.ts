// Every code a job (Job.errorCode / failureCode, the terminal event's data.code) or a stage
// (STAGE_FAILED's data.code) can end with, one line each. The single source: StageError,
// JobStop, the pool and the crash classifier take a JobFailureCode, so an unlisted code does not
// compile; GraphQL serves the list as the ErrorCode enum, the README's table is checked against it.

export const JOB_FAILURE_CODE_INFO = {
  // The job as a whole
  CANCELLED: "cancelJob stopped the job (status CANCELLED, not FAILED).",
  INTERRUPTED: "The server running the job crashed or was killed more than MAX_INTERRUPTIONS times; the job was given up.",
  MISSING_INPUT: "The job has no stored PDF or no STEP file.",
  INTERNAL: "The job stopped on an unexpected server error (a bug; the server log has the details).",
  // Running a stage on the worker pool
  STAGE_TIMEOUT: "A stage ran past STAGE_TIMEOUT_MS; its worker was stopped.",
  STAGE_CRASHED: "A stage threw an unexpected error (a bug; the stage is in errorStage, the stack in the server log).",
  WORKER_CRASHED: "The worker thread running a stage died.",
  WORKER_OUT_OF_MEMORY: "A stage's worker went past its memory limit and was replaced.",
  // The drawing PDF (PDF_BOM, PDF_DEEP)
  PDF_READ_FAILED: "The stored PDF file could not be read.",
  PDF_INVALID: "The file is not a readable PDF (truncated, damaged, or not a PDF).",
  PDF_ENCRYPTED: "The PDF is password-protected.",
  PDF_NO_PAGES: "The PDF has no pages.",
  PDF_TOO_MANY_PAGES: "The PDF has more pages than MAX_PDF_PAGES.",
  PDF_TOO_COMPLEX: "The PDF needs more than the reader's budgets (nesting, stream sizes, operators, memory).",
  PDF_UNSUPPORTED_FILTER: "A page's content is encoded with a filter the reader cannot decode (e.g. an image filter).",
  NO_TEXT_LAYER: "The PDF has no text layer and OCR is off, or OCR found no text.",
  PDF_RENDER_FAILED: "A page could not be rendered to an image for OCR (pdftoppm missing or failing).",
  OCR_FAILED: "OCR of the drawing failed (tesseract missing or failing).",
  OCR_TIMEOUT: "OCR ran out of the stage's time.",
  // The STEP assembly (STEP_EXTRACT)
  STEP_INVALID: "A file is not a readable STEP file (or a .zip holds none).",
  STEP_PARSE_FAILED: "Open CASCADE could not read a STEP file.",
  STEP_NO_SOLIDS: "The STEP files hold no solid.",
  STEP_TOO_COMPLEX: "The assembly is past the reader's budgets (nesting, placed parts, an assembly containing itself).",
  STEP_EXTERNAL_REFERENCES_MISSING: "The STEP assembly refers to part files that were not uploaded.",
  STEP_ZIP_INVALID: "A STEP .zip is damaged or has unsafe or over-long entry names.",
  STEP_ZIP_TOO_LARGE: "A STEP .zip has too many entries, unpacks too large, or compresses too well (ratio).",
  STEP_BAD_MESH_QUALITY: "The server's STEP_DEFLECTION_* triangulation settings are out of range.",
  // The manual (GENERATE)
  WORKDIR_UNAVAILABLE: "The job's work folder could not be created.",
} as const satisfies Record<string, string>;

export type JobFailureCode = keyof typeof JOB_FAILURE_CODE_INFO;

/** Every job failure code, in catalogue order. */
export const JOB_FAILURE_CODES = Object.keys(JOB_FAILURE_CODE_INFO) as JobFailureCode[];

export function isJobFailureCode(code: unknown): code is JobFailureCode {
  return typeof code === "string" && Object.hasOwn(JOB_FAILURE_CODE_INFO, code);
}
