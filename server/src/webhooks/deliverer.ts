// Webhook delivery, at least once, driven by the stored event log: a job with a webhookUrl whose
// terminal event has no delivery row gets one (also after a crash between the two: the scan finds
// it), and due rows are POSTed, signed, with exponential backoff until a 2xx or the last attempt.
// Several instances may run this: an attempt is claimed by moving nextAttemptAt forward in a
// conditional update, so two instances do not send the same attempt at once.
import type { Db } from "../db/prisma.js";
import { isTerminal, type StoredEvent } from "../events/event-types.js";
import { errFields, log } from "../ops/log.js";
import { PrivateAddressError } from "./address-policy.js";
import { postWebhook } from "./post.js";
import { signatureHeader } from "./signature.js";

export interface WebhookOptions {
  secret: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: deliver to loopback/private addresses too (tests, LAN receivers). */
  allowPrivate?: boolean;
}

/** Jobs finished longer ago than this are not scanned for missing deliveries any more. */
const SCAN_WINDOW_MS = 3 * 24 * 3600_000;
const BATCH = 20;
const MAX_BACKOFF_MS = 3600_000;

export class WebhookDeliverer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly opts: WebhookOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** EventLog observer: a terminal event means a delivery may be due now. */
  onEvent = (e: StoredEvent): void => {
    if (isTerminal(e.kind)) this.kick();
  };

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err) => log.error(errFields(err), "webhook pass failed"))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pass(): Promise<void> {
    await this.createMissing();
    let due;
    do {
      due = await this.db.webhookDelivery.findMany({
        where: { status: "PENDING", nextAttemptAt: { lte: new Date() } },
        orderBy: { nextAttemptAt: "asc" },
        take: BATCH,
      });
      await Promise.all(due.map((d) => this.attempt(d.id, d.nextAttemptAt)));
    } while (due.length === BATCH && !this.stopped);
  }

  /** One delivery row per terminal event of every recently finished job that has a webhook. */
  private async createMissing(): Promise<void> {
    const jobs = await this.db.job.findMany({
      where: {
        webhookUrl: { not: null },
        status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] },
        finishedAt: { gt: new Date(Date.now() - SCAN_WINDOW_MS) },
      },
      select: {
        id: true,
        webhookUrl: true,
        events: { orderBy: { seq: "desc" }, take: 1, select: { seq: true, kind: true } },
        webhookDeliveries: { orderBy: { seq: "desc" }, take: 1, select: { seq: true } },
      },
    });
    for (const job of jobs) {
      const last = job.events[0];
      if (!last || !isTerminal(last.kind) || job.webhookDeliveries[0]?.seq === last.seq) continue;
      // The id is the event's (jobId:seq): stable even if the row is made again, so receivers can
      // de-duplicate on it. Another instance may create the same row at once: one is kept.
      await this.db.webhookDelivery
        .create({ data: { id: `${job.id}:${last.seq}`, jobId: job.id, seq: last.seq, kind: last.kind, url: job.webhookUrl! } })
        .catch((err: { code?: string }) => {
          if (err?.code !== "P2002") throw err;
        });
    }
  }

  private async attempt(id: string, dueAt: Date): Promise<void> {
    // Claim: only the instance that moves nextAttemptAt from the value it read sends this attempt;
    // if it dies mid-attempt, the lease runs out and the attempt is made again (at least once).
    const lease = new Date(Date.now() + this.opts.timeoutMs * 2);
    const claimed = await this.db.webhookDelivery.updateMany({
      where: { id, status: "PENDING", nextAttemptAt: dueAt },
      data: { nextAttemptAt: lease, attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) return;
    const d = await this.db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    const [event, job] = await Promise.all([
      this.db.jobEvent.findUnique({ where: { jobId_seq: { jobId: d.jobId, seq: d.seq } } }),
      this.db.job.findUnique({ where: { id: d.jobId }, select: { status: true, errorCode: true, errorMessage: true, errorStage: true } }),
    ]);
    const body = JSON.stringify({
      id: d.id,
      type: d.kind.toLowerCase().replace("_", "."), // job.succeeded | job.failed | job.cancelled
      jobId: d.jobId,
      seq: d.seq,
      kind: d.kind,
      at: event?.at.toISOString() ?? null,
      message: event?.message ?? null,
      status: job?.status ?? null,
      errorCode: job?.errorCode ?? null,
      errorMessage: job?.errorMessage ?? null,
      errorStage: job?.errorStage ?? null,
      attempt: d.attempts,
    });
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const headers = {
        "content-type": "application/json",
        "user-agent": "ManualForge-Webhook/1",
        "manualforge-signature": signatureHeader(this.opts.secret, body),
        "manualforge-delivery": d.id,
      };
      const res = await postWebhook(d.url, headers, body, this.opts.timeoutMs, !!this.opts.allowPrivate);
      statusCode = res.status;
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error & { code?: string };
      // The name now points at a private address (rebinding, or changed since createJob): not retried.
      refused = err instanceof PrivateAddressError;
      error = refused ? `${e.code}: ${e.message}` : (e.code ?? e.message);
    }
    if (!error) {
      await this.db.webhookDelivery.update({
        where: { id },
        data: { status: "DELIVERED", deliveredAt: new Date(), lastStatusCode: statusCode, lastError: null },
      });
      log.info({ jobId: d.jobId, seq: d.seq, attempt: d.attempts, statusCode }, "webhook delivered");
      return;
    }
    const gaveUp = refused || d.attempts >= this.opts.maxAttempts;
    const backoff = Math.min(this.opts.retryBaseMs * 2 ** (d.attempts - 1), MAX_BACKOFF_MS);
    await this.db.webhookDelivery.update({
      where: { id },
      data: { status: gaveUp ? "FAILED" : "PENDING", lastStatusCode: statusCode, lastError: error, nextAttemptAt: new Date(Date.now() + backoff) },
    });
    log.warn({ jobId: d.jobId, seq: d.seq, attempt: d.attempts, statusCode, error, gaveUp }, "webhook attempt failed");
    if (!gaveUp) setTimeout(() => this.kick(), backoff + 5).unref();
  }
}
