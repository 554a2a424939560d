import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A nearby candidate and how well it scored." })
export class MatchCandidate {
  @Field(() => Int, { description: "A part index (for a BOM row) or a BOM row index (for a part)." })
  index!: number;

  @Field(() => Float)
  score!: number;

  @Field()
  reason!: string;
}

@ObjectType({ description: "A STEP part no BOM row claimed, with the nearest rows." })
export class UnmatchedPart {
  @Field(() => Int)
  partIndex!: number;

  @Field(() => [MatchCandidate])
  candidates!: MatchCandidate[];
}

@ObjectType({ description: "A BOM row and the STEP part it was matched to (if any)." })
export class Match {
  @Field(() => Int)
  bomIndex!: number;

  @Field(() => Int, { nullable: true })
  partIndex!: number | null;

  @Field(() => Float)
  confidence!: number;

  @Field({ description: "Why they match: part number exact, name exact, fuzzy name…" })
  reason!: string;

  @Field(() => Float, { nullable: true })
  bomQuantity!: number | null;

  @Field(() => Int, { nullable: true })
  cadQuantity!: number | null;

  @Field({ description: "BOM quantity equals the number of instances in the CAD assembly." })
  quantityOk!: boolean;

  @Field(() => [Int], { nullable: true, description: "Every part this row claims (partIndex first)." })
  partIndices?: number[];

  @Field(() => [MatchCandidate], { nullable: true, description: "Nearest parts for this row, best first." })
  candidates?: MatchCandidate[];

  @Field(() => String, {
    nullable: true,
    description:
      "The sub-assembly node this row matched (a bought bearing, an indented parent row); null for a part. " +
      "partIndex is then the first part inside it, cadQuantity how often the node occurs.",
  })
  cadAssembly?: string | null;
}
