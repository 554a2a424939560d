// For webhook receivers: check a ManualForge webhook before trusting it. Web Crypto, so it runs in
// Node ≥ 20, Deno, Bun, workers and browsers alike.
// Header `ManualForge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${rawBody}`)>`.

/** The JSON body of a webhook POST (parse it only after verifyWebhook said true). */
export interface WebhookBody {
  /** `${jobId}:${seq}`, also the ManualForge-Delivery header: the same on every retry, de-duplicate on it. */
  id: string;
  type: "job.succeeded" | "job.failed" | "job.cancelled";
  jobId: string;
  seq: number;
  kind: "JOB_SUCCEEDED" | "JOB_FAILED" | "JOB_CANCELLED";
  at: string | null;
  message: string | null;
  status: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorStage: string | null;
  attempt: number;
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** True when `signatureHeader` signs exactly `rawBody` with `secret`, made at most `toleranceSec` ago (replays). */
export async function verifyWebhook(
  rawBody: string,
  signatureHeader: string | null | undefined,
  secret: string,
  toleranceSec = 300,
): Promise<boolean> {
  if (!signatureHeader) return false;
  const parts = new Map(signatureHeader.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(t) || !given || Math.abs(Date.now() / 1000 - t) > toleranceSec) return false;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${t}.${rawBody}`)));
  // Constant time over the whole string.
  let diff = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (given.charCodeAt(i) || 0);
  return diff === 0;
}
