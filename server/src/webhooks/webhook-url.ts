// createJob's webhookUrl is checked before anything is stored: a typed BAD_USER_INPUT, not a
// delivery that can never work (or one aimed at the server's own network: see address-policy.ts).
import { badInput } from "../graphql/errors.js";
import { bareHost, checkResolvedHost, PrivateAddressError } from "./address-policy.js";

export function checkWebhookUrl(url: string, enabled: boolean | undefined): URL {
  if (!enabled) throw badInput("Webhooks are off on this server (WEBHOOK_SECRET is not set)", { argument: "webhookUrl" });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badInput(`webhookUrl is not a URL: ${url.slice(0, 100)}`, { argument: "webhookUrl" });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw badInput("webhookUrl must be http or https", { argument: "webhookUrl" });
  if (url.length > 2048) throw badInput("webhookUrl is longer than 2048 characters", { argument: "webhookUrl" });
  if (u.username || u.password) throw badInput("webhookUrl must not carry credentials", { argument: "webhookUrl" });
  return u;
}

/**
 * checkWebhookUrl, then (unless private addresses are allowed) every address the host resolves to
 * must be public. A name that does not resolve now is accepted: delivery checks again and retries.
 */
export async function checkWebhookTarget(url: string, enabled: boolean | undefined, allowPrivate: boolean | undefined): Promise<void> {
  const u = checkWebhookUrl(url, enabled);
  if (allowPrivate) return;
  try {
    await checkResolvedHost(bareHost(u));
  } catch (err) {
    if (err instanceof PrivateAddressError) throw badInput(`webhookUrl: ${err.message}`, { argument: "webhookUrl", reason: err.code });
  }
}
