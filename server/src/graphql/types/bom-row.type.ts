import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

export enum BomField {
  item = "item",
  quantity = "quantity",
  partNumber = "partNumber",
  configuration = "configuration",
  name = "name",
  description = "description",
  material = "material",
  unit = "unit",
  note = "note",
}
registerEnumType(BomField, { name: "BomField", description: "The typed BomRow field a printed column maps to." });

export enum BomSource {
  TEXT = "TEXT",
  OCR = "OCR",
}
registerEnumType(BomSource, { name: "BomSource", description: "Where a row's text came from: the PDF's text layer or OCR of the page image." });

export enum BomNoticeCode {
  BOM_NOT_FOUND = "BOM_NOT_FOUND",
  DUPLICATE_PAGES = "DUPLICATE_PAGES",
  NON_NUMERIC_QUANTITY = "NON_NUMERIC_QUANTITY",
  LOW_CONFIDENCE_ROWS = "LOW_CONFIDENCE_ROWS",
  OCR_LOW_CONFIDENCE = "OCR_LOW_CONFIDENCE",
}
registerEnumType(BomNoticeCode, { name: "BomNoticeCode", description: "Why a BOM reading is doubtful." });

@ObjectType({ description: "A printed column of the BOM table." })
export class BomColumn {
  @Field(() => String, { description: 'The header as printed ("" when the table prints none).' })
  header!: string;

  @Field(() => BomField, { nullable: true, description: "The typed field it maps to; null for a column kept as printed only (supplier, price…)." })
  field!: BomField | null;
}

@ObjectType({ description: "One printed cell of a BOM row." })
export class BomCell {
  @Field(() => String)
  header!: string;

  @Field(() => BomField, { nullable: true })
  field!: BomField | null;

  @Field(() => String, { description: 'The text as printed, wrapped lines joined with a space; "" for an empty cell.' })
  text!: string;

  @Field(() => Float, { nullable: true, description: "OCR confidence 0..1; null for text-layer cells." })
  confidence?: number | null;
}

@ObjectType({ description: "A doubt about the BOM reading, with a code to branch on." })
export class BomNotice {
  @Field(() => BomNoticeCode)
  code!: BomNoticeCode;

  @Field(() => String)
  message!: string;

  @Field(() => [Int], { description: "Rows (BomRow.index) the notice is about; empty when it is about the table." })
  rows!: number[];
}

@ObjectType({ description: "Pages of the drawing read by OCR (they had no usable text layer)." })
export class BomOcr {
  @Field(() => [Int], { description: "1-based pages read by OCR." })
  pages!: number[];

  @Field(() => Float, { description: "Mean word confidence 0..1 over those pages." })
  meanConfidence!: number;
}

@ObjectType({ description: "The BOM table as detected on the drawing." })
export class BomTable {
  @Field(() => Int, { nullable: true, description: "1-based page of the header row; null when no table was found." })
  page!: number | null;

  @Field(() => GraphQLJSON, { description: 'Printed header → field, e.g. { "QTY": "quantity", "Benennung": "name" }.' })
  headerMap!: Record<string, string>;

  @Field(() => [String])
  warnings!: string[];

  @Field(() => [BomColumn], { description: "Every printed column, in printed order." })
  columns!: BomColumn[];

  @Field(() => [BomNotice], { description: "The warnings with codes." })
  notices!: BomNotice[];

  @Field(() => BomOcr, { nullable: true, description: "Set when the table was read by OCR; null when the text layer sufficed." })
  ocr?: BomOcr | null;
}

@ObjectType({ description: "One row of the drawing's BOM / parts list, as printed." })
export class BomRow {
  @Field(() => Int, { description: "0-based index in the job's BOM." })
  index!: number;

  @Field(() => String, { nullable: true })
  item!: string | null;

  @Field(() => String, { nullable: true })
  partNumber!: string | null;

  @Field(() => String, { nullable: true, description: "SolidWorks-style configuration; part identity is part number + configuration." })
  configuration?: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float, { nullable: true, description: "null when the printed quantity is not a number (see columns and warnings)." })
  quantity!: number | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => String, { nullable: true })
  material!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int)
  page!: number;

  @Field(() => [Float], { description: "[x0, y0, x1, y1] in PDF points, origin bottom-left." })
  bbox!: number[];

  @Field(() => Float)
  confidence!: number;

  @Field(() => [BomCell], { description: "Every printed cell, in printed order (known fields too)." })
  columns?: BomCell[];

  @Field(() => String, { nullable: true, description: 'The section heading above the row ("Frame parts", "Детали"); null when the list has none.' })
  section?: string | null;

  @Field(() => Int, { nullable: true, description: "Depth in a hierarchical list (0 = top); null when the list is flat." })
  level?: number | null;

  @Field(() => Int, { nullable: true, description: "BomRow.index of the parent row in a hierarchical list." })
  parentIndex?: number | null;

  @Field(() => BomSource)
  source?: BomSource;

  @Field(() => [String], { description: 'Doubts about this row ("Quantity \\"~150\\" is not a number; kept as printed").' })
  warnings?: string[];
}
