// Optional API keys. With API_KEYS unset the server is open (local use). With keys set, every
// request names one (HTTP `Authorization: Bearer <key>`, graphql-ws connectionParams
// `{ authorization: "Bearer <key>" }`), and each job belongs to the key that created it.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { GraphQLError } from "graphql";
import { apiError } from "../graphql/errors.js";

export interface Caller {
  /** sha256 of the caller's key; null when keys are off. Never the key itself. */
  keyHash: string | null;
}

export interface ApiKeys {
  enabled: boolean;
  /** Who is calling, from an Authorization header value; throws UNAUTHENTICATED. */
  identify(authorization: string | null | undefined): Caller;
  /** Token that lets a plain link download one artifact (browsers cannot send headers). */
  artifactToken(jobId: string, name: string): string;
  checkArtifactToken(jobId: string, name: string, token: string): boolean;
}

const hash = (key: string) => createHash("sha256").update(key).digest("hex");

export function unauthenticated(message: string): GraphQLError {
  return apiError("UNAUTHENTICATED", message, { http: { status: 401 } });
}

/**
 * `keys`: the configured keys (API_KEYS, comma-separated); empty = keys off. Artifact links
 * carry their expiry (`linkTtlS`, ARTIFACT_LINK_TTL_S) inside the signed token: `<exp>.<mac>`.
 */
export function createApiKeys(keys: string[], linkTtlS = 7 * 24 * 3600): ApiKeys {
  const known = new Set(keys.map(hash));
  // Tokens are signed with a secret derived from the keys, so they stop working when keys change.
  const secret = hash(["artifact-token", ...[...known].sort()].join("|"));
  const sign = (jobId: string, name: string, exp: number) => createHmac("sha256", secret).update(`${jobId}/${name}/${exp}`).digest("base64url");
  return {
    enabled: known.size > 0,
    identify(authorization) {
      if (!known.size) return { keyHash: null };
      const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
      if (!m) throw unauthenticated("An API key is required: send `Authorization: Bearer <key>`");
      const h = hash(m[1]!.trim());
      if (!known.has(h)) throw unauthenticated("Unknown API key");
      return { keyHash: h };
    },
    artifactToken(jobId, name) {
      const exp = Math.floor(Date.now() / 1000) + linkTtlS;
      return `${exp}.${sign(jobId, name, exp)}`;
    },
    checkArtifactToken(jobId, name, token) {
      const m = /^(\d{1,12})\.([\w-]+)$/.exec(token);
      if (!m || Number(m[1]) * 1000 < Date.now()) return false;
      const want = Buffer.from(sign(jobId, name, Number(m[1])));
      const got = Buffer.from(m[2]!);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}
