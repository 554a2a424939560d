import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "An uploaded file of a job." })
export class InputFile {
  @Field(() => ID)
  id!: string;

  @Field({ description: "PDF or STEP" })
  role!: string;

  @Field()
  originalName!: string;

  @Field(() => Int)
  size!: number;

  @Field()
  sha256!: string;
}
