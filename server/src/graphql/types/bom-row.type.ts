import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "The BOM table as detected on the drawing." })
export class BomTable {
  @Field(() => Int, { nullable: true, description: "1-based page of the header row; null when no table was found." })
  page!: number | null;

  @Field(() => GraphQLJSON, { description: 'Printed header → field, e.g. { "QTY": "quantity", "Benennung": "name" }.' })
  headerMap!: Record<string, string>;

  @Field(() => [String])
  warnings!: string[];
}

@ObjectType({ description: "One row of the drawing's BOM / parts list, as printed." })
export class BomRow {
  @Field(() => Int, { description: "0-based index in the job's BOM." })
  index!: number;

  @Field(() => String, { nullable: true })
  item!: string | null;

  @Field(() => String, { nullable: true })
  partNumber!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float, { nullable: true })
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
}
