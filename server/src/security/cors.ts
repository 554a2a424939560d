// CORS for /graphql and /artifacts: allowed origins (security/origins.ts) get the headers and an
// answered preflight; others get no CORS headers, and their preflight is refused with 403.
// Credentials (cookies) are not used by this API; Allow-Credentials is only ever sent to an
// explicitly listed origin, never together with "*".
import type { RequestHandler } from "express";
import type { OriginPolicy } from "./origins.js";

const ALLOW_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, graphql-preflight";
const MAX_AGE_S = "600";

export function corsMiddleware(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    res.vary("Origin");
    const allowed = policy.allows(origin, req);
    const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    if (!allowed) {
      if (preflight) return void res.status(403).end();
      return next(); // no CORS headers: the browser keeps the answer from the page
    }
    if (policy.listed(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Access-Control-Allow-Credentials", "true");
    } else {
      res.setHeader("Access-Control-Allow-Origin", policy.anyOrigin ? "*" : origin);
    }
    res.setHeader("Access-Control-Expose-Headers", "ETag, Content-Disposition");
    if (preflight) {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
      res.setHeader("Access-Control-Max-Age", MAX_AGE_S);
      return void res.status(204).end();
    }
    next();
  };
}
