import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A file the job produced, downloadable over HTTP at url." })
export class Artifact {
  @Field()
  name!: string;

  @Field()
  contentType!: string;

  @Field(() => Int)
  size!: number;

  @Field()
  sha256!: string;

  @Field({ description: "Absolute URL: GET /artifacts/:jobId/:name" })
  url!: string;
}
