// One log record per HTTP request when its answer is sent: method, path, status, duration, and
// the GraphQL operation name (probes are logged at debug to keep the log readable).
import type { RequestHandler } from "express";
import { log } from "./log.js";

const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const t0 = process.hrtime.bigint();
    res.on("finish", () => {
      // originalUrl: inside a mounted router (app.use("/graphql", …)) req.path lacks the mount path.
      const path = req.originalUrl.split("?")[0]!;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const body = req.body as { operationName?: unknown } | undefined;
      const fields = {
        req: { method: req.method, path, remote: req.socket.remoteAddress },
        res: { statusCode: res.statusCode },
        responseTimeMs: Math.round(ms * 10) / 10,
        operationName: typeof body?.operationName === "string" ? body.operationName : undefined,
      };
      const level = res.statusCode >= 500 ? "error" : PROBES.has(path) ? "debug" : "info";
      log[level](fields, "request");
    });
    next();
  };
}
