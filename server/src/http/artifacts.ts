// GET /artifacts/:jobId/:name — a job's generated files, looked up in the database (never a
// path built from the URL), so nothing outside the job's artifacts can be read.
import type { RequestHandler } from "express";
import type { Db } from "../db/prisma.js";

export function artifactRoute(db: Db): RequestHandler {
  return async (req, res, next) => {
    try {
      const { jobId, name } = req.params as { jobId: string; name: string };
      const artifact = await db.artifact.findUnique({ where: { jobId_name: { jobId, name } } });
      if (!artifact) {
        res.status(404).json({ error: { code: "NOT_FOUND", message: `No artifact ${name} for job ${jobId}` } });
        return;
      }
      res.setHeader("Content-Type", artifact.contentType);
      res.setHeader("ETag", `"${artifact.sha256}"`);
      res.setHeader("Content-Disposition", `inline; filename="${artifact.name}"`);
      res.sendFile(artifact.storedPath, { dotfiles: "allow" }, (err) => {
        if (err && !res.headersSent) res.status(410).json({ error: { code: "GONE", message: "Artifact file is missing" } });
      });
    } catch (err) {
      next(err);
    }
  };
}
