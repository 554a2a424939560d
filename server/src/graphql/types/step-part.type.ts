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
}

@ObjectType({ description: "A node of the assembly tree." })
export class AssemblyNode {
  @Field()
  name!: string;

  @Field(() => Int, { nullable: true, description: "Index into parts for a leaf instance." })
  partIndex!: number | null;

  @Field(() => [AssemblyNode])
  children!: AssemblyNode[];
}
