import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/Upload.mjs";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { createJob } from "../../jobs/create-job.js";
import type { AppContext } from "../context.js";
import { toJob } from "../mappers.js";
import { Job } from "../types/job.type.js";

@Resolver()
export class CreateJobResolver {
  @Mutation(() => Job, {
    description:
      "Upload a drawing PDF (with its BOM table) and its STEP assembly; the job is queued at once. " +
      "Send as a GraphQL multipart request with the header `apollo-require-preflight: true`. " +
      "Rejected files (wrong type, empty, over the size limit) give BAD_USER_INPUT naming the file, and nothing is stored.",
  })
  async createJob(
    @Arg("pdf", () => GraphQLUpload) pdf: Promise<FileUpload>,
    @Arg("step", () => GraphQLUpload) step: Promise<FileUpload>,
    @Ctx() ctx: AppContext,
  ): Promise<Job> {
    const id = await createJob(
      { db: ctx.db, events: ctx.events, storageDir: ctx.storageDir, onQueued: () => ctx.dispatcher.kick() },
      pdf,
      [step],
    );
    return toJob(await ctx.db.job.findUniqueOrThrow({ where: { id } }));
  }
}
