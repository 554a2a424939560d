import { Field, Float, Int, ObjectType } from "type-graphql";

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
}
