import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IncomingUpload } from "../../http/incoming-upload.js";
import { createJob } from "../../jobs/create-job.js";
import { checkOcrLanguages, storeOcrLanguages } from "../../jobs/ocr-languages.js";
import type { AppContext } from "../context.js";
import { apiError } from "../errors.js";
import { toJob } from "../mappers.js";
import { Upload } from "../upload-scalar.js";
import { Job } from "../types/job.type.js";
import { checkWebhookTarget } from "../../webhooks/webhook-url.js";

@Resolver()
export class CreateJobResolver {
  @Mutation(() => Job, {
    description:
      "Upload a drawing PDF (with its BOM table) and its STEP assembly; the job is queued at once. " +
      "An assembly split over several files goes in `steps` too (more .step/.stp files, or one .zip of them). " +
      "Send as a GraphQL multipart request with the header `apollo-require-preflight: true`. " +
      "Errors: BAD_USER_INPUT naming the rejected file (wrong type, empty, over the size limit; nothing is stored), " +
      "RATE_LIMITED, SHUTTING_DOWN; BAD_USER_INPUT for an ocrLanguages entry that is not installed.",
  })
  async createJob(
    // Handles of files that may still be arriving: we run as soon as the multipart `map` is read.
    @Arg("pdf", () => Upload) pdf: IncomingUpload,
    @Arg("step", () => Upload) step: IncomingUpload,
    @Ctx() ctx: AppContext,
    @Arg("steps", () => [Upload], { nullable: true, description: "More STEP files (or one .zip) of the same assembly." })
    steps?: IncomingUpload[],
    @Arg("webhookUrl", () => String, {
      nullable: true,
      description:
        "http(s) URL POSTed (signed, retried, at least once) when the job ends; see Job.webhookDeliveries. Needs WEBHOOK_SECRET on the server.",
    })
    webhookUrl?: string | null,
    @Arg("ocrLanguages", () => [String], {
      nullable: true,
      description:
        "Tesseract languages for reading a drawing without a text layer (eng, deu, fra, spa, rus, chi_sim…; short forms like de are accepted). " +
        "Used instead of the languages guessed from the drawing. One that is not installed on the server → BAD_USER_INPUT listing the available ones (extensions.available).",
    })
    ocrLanguages?: string[] | null,
  ): Promise<Job> {
    if (webhookUrl) await checkWebhookTarget(webhookUrl, ctx.webhooksEnabled, ctx.webhookAllowPrivate);
    const languages = checkOcrLanguages(ocrLanguages);
    if (!ctx.accepting()) {
      throw apiError("SHUTTING_DOWN", "The server is shutting down; try again shortly", { http: { status: 503 } });
    }
    try {
      await ctx.uploadLimiter.consume(ctx.rateKey);
    } catch {
      throw apiError("RATE_LIMITED", "Too many uploads; wait a minute", { http: { status: 429 } });
    }
    const id = await createJob(
      { db: ctx.db, events: ctx.events, storageDir: ctx.storageDir, onQueued: () => ctx.dispatcher.kick() },
      pdf,
      [step, ...(steps ?? [])],
      ctx.caller.keyHash,
      { webhookUrl: webhookUrl || null, ocrLanguages: storeOcrLanguages(languages) },
    );
    return toJob(await ctx.db.job.findUniqueOrThrow({ where: { id } }));
  }
}
