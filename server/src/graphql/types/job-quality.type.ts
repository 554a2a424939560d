// Job.quality and Job.warnings: how far a job's result can be trusted, typed for integrators.
import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Stage } from "./enums.js";

export enum WarningCode {
  BOM_NOT_FOUND = "BOM_NOT_FOUND",
  LOW_MATCH_RATE = "LOW_MATCH_RATE",
  QUANTITY_MISMATCH = "QUANTITY_MISMATCH",
  DOCUMENTS_DISAGREE = "DOCUMENTS_DISAGREE",
  DUPLICATE_PAGES = "DUPLICATE_PAGES",
  OCR_LOW_CONFIDENCE = "OCR_LOW_CONFIDENCE",
  NON_NUMERIC_QUANTITY = "NON_NUMERIC_QUANTITY",
  LOW_CONFIDENCE_ROWS = "LOW_CONFIDENCE_ROWS",
}
registerEnumType(WarningCode, {
  name: "WarningCode",
  description:
    "Why a job's result is doubtful. DOCUMENTS_DISAGREE: most BOM rows and most CAD parts are unmatched (drawing and model look like different products).",
});

export enum WarningSeverity {
  INFO = "INFO",
  REVIEW = "REVIEW",
}
registerEnumType(WarningSeverity, {
  name: "WarningSeverity",
  description: "REVIEW: a person should check the manual before use (sets Job.needsReview). INFO: worth knowing.",
});

@ObjectType({ description: "A doubt about a job's result, raised by a stage (also sent as a WARN event when raised)." })
export class JobWarning {
  @Field(() => WarningCode)
  code!: WarningCode;

  @Field(() => WarningSeverity)
  severity!: WarningSeverity;

  @Field(() => Stage, { description: "Stage whose result raised it." })
  stage!: Stage;

  @Field(() => String)
  message!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: "Figures behind the warning (rows, parts, rates)." })
  data!: unknown;
}

@ObjectType({ description: "Pages read by OCR and their mean word confidence." })
export class OcrQuality {
  @Field(() => [Int])
  pages!: number[];

  @Field(() => Float, { description: "0..1" })
  meanConfidence!: number;
}

@ObjectType({ description: "Figures on the result; the matching ones are null until MATCHING is done." })
export class JobQuality {
  @Field(() => Boolean, { description: "False when no parts list was found in the drawing." })
  bomFound!: boolean;

  @Field(() => Int)
  bomRows!: number;

  @Field(() => Int, { nullable: true, description: "BOM rows that matched a CAD part." })
  matchedRows!: number | null;

  @Field(() => Float, { nullable: true, description: "matchedRows / bomRows (0 when there are no rows)." })
  matchRate!: number | null;

  @Field(() => Int, { nullable: true, description: "Distinct parts in the STEP assembly." })
  cadParts!: number | null;

  @Field(() => Int, { nullable: true, description: "CAD parts no BOM row matched." })
  unmatchedParts!: number | null;

  @Field(() => Int, { nullable: true, description: "Matched rows whose BOM quantity differs from the CAD count." })
  quantityMismatches!: number | null;

  @Field(() => OcrQuality, { nullable: true, description: "Null when no page needed OCR." })
  ocr!: OcrQuality | null;
}
