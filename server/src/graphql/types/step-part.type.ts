import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType()
export class BoundingBox {
  @Field(() => [Float])
  min!: number[];

  @Field(() => [Float])
  max!: number[];
}

@ObjectType({ description: "A distinct part of the STEP assembly." })
export class StepPart {
  @Field(() => Int, { description: "0-based index in the job's part list." })
  index!: number;

  @Field()
  name!: string;

  @Field(() => Int, { description: "How many times the part is placed in the assembly." })
  instanceCount!: number;

  @Field(() => BoundingBox)
  bbox!: BoundingBox;

  @Field(() => Int)
  triangleCount!: number;

  @Field(() => [Float], { nullable: true, description: "RGB, 0–1." })
  color!: number[] | null;

  @Field(() => String, { nullable: true, description: "PRODUCT id (part number) from the STEP file." })
  partNumber?: string | null;

  @Field(() => String, { nullable: true, description: "PRODUCT description from the STEP file." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "STEP file the part came from." })
  fileName?: string | null;

  @Field(() => Float, { nullable: true, description: "Volume of one instance, mm³ (from its mesh)." })
  volume?: number;

  @Field(() => Float, { nullable: true, description: "Surface area of one instance, mm² (from its mesh)." })
  surfaceArea?: number;

  @Field(() => [[Float]], {
    nullable: true,
    description: "World placement of every instance: 4×4 matrices, column-major, mm (an entry is null when unknown).",
  })
  transforms?: Array<number[] | null>;
}

@ObjectType({ description: "A node of the assembly tree." })
export class AssemblyNode {
  @Field()
  name!: string;

  @Field(() => Int, { nullable: true, description: "Index into parts for a leaf instance." })
  partIndex!: number | null;

  @Field(() => [AssemblyNode])
  children!: AssemblyNode[];

  @Field(() => [Float], { nullable: true, description: "World placement: 4×4, column-major, mm." })
  transform?: number[] | null;

  @Field(() => String, { nullable: true, description: "Occurrence name from the file, e.g. nut_3." })
  instanceName?: string | null;
}
