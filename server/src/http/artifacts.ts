// GET /artifacts/:jobId/:name — a job's generated files, looked up in the database (never a
// path built from the URL), so nothing outside the job's artifacts can be read. With API keys
// on, the caller needs the owner's key (Bearer) or the link's signed token.
import type { RequestHandler } from "express";
import type { ApiKeys } from "../auth/api-keys.js";
import { ownedBy } from "../auth/job-access.js";
import type { Db } from "../db/prisma.js";
import type { ApiErrorCode } from "../errors/api-error-codes.js";

/** The JSON error body of a download, with a catalogue code. */
const failure = (code: ApiErrorCode, message: string) => ({ error: { code, message } });

export function artifactRoute(db: Db, apiKeys: ApiKeys): RequestHandler {
  return async (req, res, next) => {
    try {
      const { jobId, name } = req.params as { jobId: string; name: string };
      const notFound = () => res.status(404).json(failure("NOT_FOUND", `No artifact ${name} for job ${jobId}`));
      let scope = {};
      if (apiKeys.enabled) {
        const token = typeof req.query.token === "string" ? req.query.token : null;
        if (token) {
          if (!apiKeys.checkArtifactToken(jobId, name, token)) return void notFound();
        } else {
          try {
            scope = ownedBy(apiKeys.identify(req.headers.authorization));
          } catch {
            return void res.status(401).json(failure("UNAUTHENTICATED", "An API key or a signed link is required"));
          }
        }
      }
      const artifact = await db.artifact.findFirst({ where: { jobId, name, job: scope } });
      if (!artifact) return void notFound();
      res.setHeader("Content-Type", artifact.contentType);
      res.setHeader("ETag", `"${artifact.sha256}"`);
      res.setHeader("Content-Disposition", `inline; filename="${artifact.name}"`);
      res.sendFile(artifact.storedPath, { dotfiles: "allow" }, (err) => {
        if (err && !res.headersSent) res.status(410).json(failure("GONE", "Artifact file is missing"));
      });
    } catch (err) {
      next(err);
    }
  };
}
