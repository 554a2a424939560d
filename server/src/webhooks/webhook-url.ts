// createJob's webhookUrl is checked before anything is stored: a typed BAD_USER_INPUT, not a
// delivery that can never work.
import { badInput } from "../graphql/errors.js";

export function checkWebhookUrl(url: string, enabled: boolean | undefined): void {
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
}
