// Which browser origins may use the API: the server's own origin (the web page it serves) and
// those listed in CORS_ORIGINS ("*" = any). One policy for CORS, the WebSocket upgrade and artifacts.
import type http from "node:http";

export interface OriginPolicy {
  /** True when a request carrying this Origin header may use the API. No Origin (not a browser): true. */
  allows(origin: string | undefined, req: http.IncomingMessage): boolean;
  /** True when `origin` is listed explicitly (credentials are only ever granted to those). */
  listed(origin: string): boolean;
  /** CORS_ORIGINS contains "*". */
  anyOrigin: boolean;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** `configured`: CORS_ORIGINS entries such as https://app.example.com (scheme://host[:port]). */
export function createOriginPolicy(configured: string[], listenHost: string): OriginPolicy {
  const anyOrigin = configured.includes("*");
  const exact = new Set(
    configured
      .filter((o) => o !== "*")
      .map(normaliseOrigin)
      .filter((o): o is string => o !== null),
  );
  const loopbackOnly = LOOPBACK_NAMES.has(listenHost);
  const sameOrigin = (origin: string, req: http.IncomingMessage) => {
    const host = req.headers.host;
    if (!host) return false;
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return false;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") return false;
    if (u.host !== host.toLowerCase()) return false;
    // On a loopback server a page of another site that re-points its DNS name at 127.0.0.1
    // (DNS rebinding) would look same-origin; only loopback names count there.
    return !loopbackOnly || LOOPBACK_NAMES.has(u.hostname);
  };
  return {
    anyOrigin,
    listed: (origin) => exact.has(normaliseOrigin(origin) ?? ""),
    allows(origin, req) {
      if (origin === undefined) return true;
      if (anyOrigin) return true;
      const o = normaliseOrigin(origin);
      if (o !== null && exact.has(o)) return true;
      return sameOrigin(origin, req);
    },
  };
}

function normaliseOrigin(origin: string): string | null {
  if (origin === "null") return null; // sandboxed frames, file:// pages: never an allowed origin
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
