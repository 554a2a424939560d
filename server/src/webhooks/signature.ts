// Webhook signatures, Stripe-style: header `ManualForge-Signature: t=<unix seconds>,v1=<hex>`
// where hex = HMAC-SHA256(secret, `${t}.${rawBody}`). The timestamp inside the signed text lets
// receivers refuse replays older than a tolerance.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "manualforge-signature";

export function signatureHeader(secret: string, body: string, timestampSec = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSec}.${body}`).digest("hex");
  return `t=${timestampSec},v1=${v1}`;
}

/** For receivers (and tests): true when the header signs this exact body within the tolerance. */
export function verifySignature(header: string, body: string, secret: string, toleranceSec = 300, nowSec = Math.floor(Date.now() / 1000)): boolean {
  const parts = new Map(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
