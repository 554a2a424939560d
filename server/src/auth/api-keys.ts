// Optional API keys. With API_KEYS unset the server is open (local use). With keys set, every
// request names one (HTTP `Authorization: Bearer <key>`, graphql-ws connectionParams
// `{ authorization: "Bearer <key>" }`), and each job belongs to the key that created it.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";

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
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/** `keys`: the configured keys (API_KEYS, comma-separated); empty = keys off. */
export function createApiKeys(keys: string[]): ApiKeys {
  const known = new Set(keys.map(hash));
  // Tokens are signed with a secret derived from the keys, so they stop working when keys change.
  const secret = hash(["artifact-token", ...[...known].sort()].join("|"));
  const sign = (jobId: string, name: string) => createHmac("sha256", secret).update(`${jobId}/${name}`).digest("base64url");
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
    artifactToken: sign,
    checkArtifactToken(jobId, name, token) {
      const want = Buffer.from(sign(jobId, name));
      const got = Buffer.from(token);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}
