// Admission of an upload request before its body is read: the API key (when keys are on) and
// the upload rate limit (peeked, not consumed: createJob consumes it). A refused request never
// writes a byte to staging.
import type { Request } from "express";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { ApiKeys } from "../auth/api-keys.js";
import { HttpError } from "../http/incoming-upload.js";

export function uploadAdmission(apiKeys: ApiKeys, limiter: RateLimiterAbstract) {
  return async (req: Request): Promise<HttpError | null> => {
    let keyHash: string | null;
    try {
      keyHash = apiKeys.identify(req.headers.authorization).keyHash;
    } catch (err) {
      return new HttpError(401, (err as Error).message);
    }
    const used = await limiter.get(keyHash ?? req.socket.remoteAddress ?? "http");
    if (used && used.remainingPoints <= 0) return new HttpError(429, "Too many uploads; wait a minute");
    return null;
  };
}
