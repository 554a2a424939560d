// The contract between the orchestrator (main thread) and the stage code (worker threads).
// Everything here crosses a thread boundary, so it must be structured-clone friendly:
// plain objects, arrays, strings, numbers, booleans, null.

import type { JobFailureCode } from "../errors/job-failure-codes.js";
import type { PdfLimits } from "./pdf-text/pdf-limits-type.js";
import type { ZipLimits } from "./step-extract/zip-limits.js";

export const STAGES = ["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING", "GENERATE"] as const;
export type StageName = (typeof STAGES)[number];

/** Stages that run side by side on two workers. */
export const PARALLEL_STAGES: readonly StageName[] = ["PDF_DEEP", "STEP_EXTRACT"];

export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/**
 * What stage code calls to report. Every call is synchronous and never waits on the main
 * thread: it posts one message on a MessagePort and returns.
 */
export interface Reporter {
  /** Progress of the running stage: percent 0..100, a human message, optional JSON data. */
  stage(percent: number, message: string, data?: unknown): void;
  /** A log line attached to the running stage. */
  log(level: LogLevel, message: string, data?: unknown): void;
}

/** A failure with a catalogue code (errors/job-failure-codes.ts); the job ends FAILED with this code and message. */
export class StageError extends Error {
  constructor(
    readonly code: JobFailureCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "StageError";
  }
}

// ---------- PDF_BOM ----------
/** Fields a printed column can map to. */
export type BomField = "item" | "quantity" | "partNumber" | "configuration" | "name" | "description" | "material" | "unit" | "note";

/** One printed cell of a row, in printed order. */
export interface BomCell {
  /** The column's printed header ("" when the table prints none). */
  header: string;
  /** The typed field this column maps to, or null for a kept-as-printed column (supplier, price…). */
  field: BomField | null;
  text: string;
  /** OCR confidence 0..1 of this cell; absent for text-layer cells. */
  confidence?: number;
}

/** A printed column of the table: header → field (null when kept as printed only). */
export interface BomColumn {
  header: string;
  field: BomField | null;
}

/** Machine-readable doubts about the BOM; `message` is what the user reads. */
export type BomNoticeCode = "BOM_NOT_FOUND" | "DUPLICATE_PAGES" | "NON_NUMERIC_QUANTITY" | "LOW_CONFIDENCE_ROWS" | "OCR_LOW_CONFIDENCE";
export interface BomNotice {
  code: BomNoticeCode;
  message: string;
  /** Row indexes the notice is about, when it is about rows. */
  rows?: number[];
}

export interface BomRow {
  /** Item / position as printed ("1", "1.2", "A"), or null when the column is missing. */
  item: string | null;
  partNumber: string | null;
  name: string | null;
  description: string | null;
  quantity: number | null;
  unit: string | null;
  material: string | null;
  note: string | null;
  /** 1-based page number the row was read from. */
  page: number;
  /** Row bounding box in PDF user-space points, [x0, y0, x1, y1], origin bottom-left. */
  bbox: [number, number, number, number];
  /** 0..1: how sure the extractor is that this is a real, complete row. */
  confidence: number;
  /** SolidWorks-style configuration ("Default", "M3x12"): part identity is part number + configuration. */
  configuration?: string | null;
  /** Every printed cell of the row, in printed order (known fields too). */
  columns?: BomCell[];
  /** Heading row above this row ("Frame parts", "Детали"), null when the table has none. */
  section?: string | null;
  /** Depth in a hierarchical list (0 = top level); null when the list is flat. */
  level?: number | null;
  /** Index (in BomResult.rows) of the parent row in a hierarchical list. */
  parentIndex?: number | null;
  /** Where the text came from: the PDF's text layer or OCR of the page image. */
  source?: "TEXT" | "OCR";
  /** Doubts about this row the user should see ("quantity '~150' is not a number"). */
  warnings?: string[];
}

export interface BomResult {
  rows: BomRow[];
  /** Which printed header text was mapped to which field, e.g. { "QTY": "quantity" }. */
  headerMap: Record<string, string>;
  /** Page of the header row, or null when no BOM table was found. */
  page: number | null;
  warnings: string[];
  /** The printed columns of the table, in printed order. */
  columns?: BomColumn[];
  /** The same doubts as `warnings`, with codes. */
  notices?: BomNotice[];
  /** Pages read by OCR and their mean word confidence (absent when no page needed OCR). */
  ocr?: { pages: number[]; meanConfidence: number } | null;
}

// ---------- PDF_DEEP ----------
export interface PdfPageInfo {
  number: number;
  width: number;
  height: number;
  rotation: number;
  text: string;
}
export interface TitleBlock {
  title: string | null;
  drawingNumber: string | null;
  revision: string | null;
  date: string | null;
  /** Any other label → value pairs found in the title block. */
  fields: Record<string, string>;
}
export interface PdfDeepResult {
  pageCount: number;
  pages: PdfPageInfo[];
  titleBlock: TitleBlock;
  /** Technical requirements / notes text, one entry per note. */
  notes: string[];
}

// ---------- STEP_EXTRACT ----------
export type Vec3 = [number, number, number];
export interface BoundingBox {
  min: Vec3;
  max: Vec3;
}
export interface AssemblyNode {
  name: string;
  /** Index into StepResult.parts for leaf instances, null for assemblies. */
  partIndex: number | null;
  children: AssemblyNode[];
  /** World placement of this occurrence: 4×4 column-major, translation in mm (null when unknown). */
  transform?: number[] | null;
  /** Occurrence (instance) name from the file, e.g. "nut_3". */
  instanceName?: string | null;
}
export interface StepPart {
  name: string;
  instanceCount: number;
  /** Bounding box of one instance (the first), in model units. */
  bbox: BoundingBox;
  triangleCount: number;
  /** RGB 0..1 or null. */
  color: Vec3 | null;
  /** PRODUCT id (part number) from the STEP file, null when absent or generic. */
  partNumber?: string | null;
  /** PRODUCT description, null when absent or generic. */
  description?: string | null;
  /** Base name of the STEP file the part came from. */
  fileName?: string | null;
  /** Volume of one instance from its mesh (signed tetrahedra sum), mm³. */
  volume?: number;
  /** Surface area of one instance from its mesh (sum of triangle areas), mm². */
  surfaceArea?: number;
  /** World placement of every instance (4×4 column-major, mm), in tree order; null when unknown. */
  transforms?: Array<number[] | null>;
}
/** Triangulation quality for occt-import-js (absent: occt's defaults). */
export interface MeshQuality {
  linearDeflectionType?: "bounding_box_ratio" | "absolute_value";
  /** Ratio of the average bounding box, or mm with "absolute_value". */
  linearDeflection?: number;
  /** Radians. */
  angularDeflection?: number;
}
export interface StepResult {
  tree: AssemblyNode;
  parts: StepPart[];
  /** Total solids (instances) in the assembly. */
  instanceCount: number;
  /** JSON file in the job work dir holding the placed meshes, for GENERATE. */
  meshFile: string;
}

// ---------- MATCHING ----------
export interface BomMatch {
  /** Index into BomResult.rows. */
  bomIndex: number;
  /** Index into StepResult.parts, or null when unmatched. */
  partIndex: number | null;
  confidence: number;
  reason: string;
  bomQuantity: number | null;
  cadQuantity: number | null;
  quantityOk: boolean;
  /** Every part this row claims (partIndex first); a row may own several CAD products. */
  partIndices?: number[];
  /** Nearest parts for this row, best first (top 3), whether matched or not. */
  candidates?: MatchCandidate[];
  /**
   * Name of the sub-assembly node this row matched (a bought bearing, an indented parent row),
   * null for a part match. partIndex is then the first part inside it, partIndices all of them,
   * cadQuantity how often the node occurs.
   */
  cadAssembly?: string | null;
}
/** One nearby candidate: `index` is a part index (for rows) or a BOM row index (for parts). */
export interface MatchCandidate {
  index: number;
  score: number;
  reason: string;
}
export interface QuantityMismatch {
  bomIndex: number;
  partIndex: number;
  bomQuantity: number | null;
  cadQuantity: number;
}
export interface UnmatchedPartCandidates {
  partIndex: number;
  /** Nearest BOM rows (index = bomIndex), best first, top 3. */
  candidates: MatchCandidate[];
}
export interface MatchingResult {
  matches: BomMatch[];
  unmatchedBomRows: number[];
  unmatchedParts: number[];
  matchRate: number;
  /** Matched rows whose BOM quantity differs from the CAD instance count. */
  quantityMismatches?: QuantityMismatch[];
  /** Nearest BOM rows of every unmatched part. */
  partCandidates?: UnmatchedPartCandidates[];
}

// ---------- GENERATE ----------
export interface Artifact {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}
export interface GenerateResult {
  artifacts: Artifact[];
  stepCount: number;
}

// ---------- Task envelope ----------
/** OCR of pages without a usable text layer (PDF_BOM). */
export interface OcrSettings {
  /** Tesseract languages ("eng", "deu"…); absent: chosen from the text layer, else English. */
  languages?: string[] | null;
  /** Pages OCR'd at most (OCR_MAX_PAGES). */
  maxPages: number;
  /** Pixels one page may be rendered with (OCR_MAX_PIXELS); the resolution is lowered to fit. */
  maxPixels: number;
  /** Time the stage has (STAGE_TIMEOUT_MS): OCR processes are killed when it is up. */
  timeoutMs: number;
}

export interface StageInputs {
  /** maxPages: refuse longer documents (PDF_TOO_MANY_PAGES); absent = no limit. */
  /** pdfLimits: budgets of the raw PDF reader (absent = its defaults); ocr: OCR settings (absent = OCR off). */
  PDF_BOM: { pdfPath: string; maxPages?: number; pdfLimits?: PdfLimits; ocr?: OcrSettings };
  PDF_DEEP: { pdfPath: string; maxPages?: number; pdfLimits?: PdfLimits };
  /** zipLimits, maxOccurrences: STEP_ZIP_*, STEP_MAX_OCCURRENCES (absent = their defaults). */
  STEP_EXTRACT: {
    stepPaths: string[];
    workDir: string;
    meshQuality?: MeshQuality | null;
    stepMaxNesting?: number;
    zipLimits?: ZipLimits;
    maxOccurrences?: number;
  };
  MATCHING: { bom: BomResult; step: StepResult };
  GENERATE: {
    workDir: string;
    bom: BomResult;
    deep: PdfDeepResult;
    step: StepResult;
    matching: MatchingResult;
    /** Present when the job needs review: the review warnings' messages, for the cover's "Draft — review: …". */
    review?: string[];
    /** MANUALFORGE_CJK_FONT (absent = the default font file). */
    cjkFontPath?: string;
  };
}
export interface StageOutputs {
  PDF_BOM: BomResult;
  PDF_DEEP: PdfDeepResult;
  STEP_EXTRACT: StepResult;
  MATCHING: MatchingResult;
  GENERATE: GenerateResult;
}

/** Each stage is a plain async function; the worker wraps it with a reporter. */
export type StageFn<S extends StageName> = (input: StageInputs[S], reporter: Reporter) => Promise<StageOutputs[S]>;
