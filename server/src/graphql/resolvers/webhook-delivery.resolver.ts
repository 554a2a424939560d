// Job.webhookDeliveries: the delivery log of the job's webhook (the job itself is access-checked
// by the query that returned it).
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { AppContext } from "../context.js";
import { Job } from "../types/job.type.js";
import { WebhookDelivery } from "../types/webhook-delivery.type.js";

@Resolver(() => Job)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookDelivery], {
    description: "Webhook deliveries of this job's terminal events, oldest first (empty without a webhookUrl).",
  })
  async webhookDeliveries(@Root() job: Job, @Ctx() ctx: AppContext): Promise<WebhookDelivery[]> {
    const rows = await ctx.db.webhookDelivery.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    return rows.map((r) => ({ ...r, nextAttemptAt: r.status === "PENDING" ? r.nextAttemptAt : undefined, deliveredAt: r.deliveredAt ?? undefined }));
  }
}
