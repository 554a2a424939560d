// The web page (client/web, built by `npm run build:client` into client/web/dist) at `/`.
// Mount it last: it only answers GET/HEAD for `/` and for files that exist in dist, so
// /graphql, /artifacts and /healthz are never shadowed. Until the page is built, `/` says so.
import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Router } from "express";

/** client/web/dist from this file, whether it runs from server/src (dev) or dist/server/src (built). */
export function defaultWebDist(): string {
  const here = import.meta.dirname;
  const candidates = [path.resolve(here, "../../../client/web/dist"), path.resolve(here, "../../../../client/web/dist")];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0]!;
}

export const NOT_BUILT_MESSAGE =
  "The ManualForge web page is not built. Run `npm run build:client` (or `npm run dev:client` for a live dev server), then reload.";

export function webAppHandler(distDir: string = defaultWebDist()): Router {
  const router = express.Router();
  const index = path.join(distDir, "index.html");
  // Hashed asset names never change content: cache them; index.html must always be revalidated.
  const assets = express.static(distDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      res.setHeader("Cache-Control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  const page: RequestHandler = (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type("text/plain").send(`${NOT_BUILT_MESSAGE}\n`);
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  };
  router.get(["/", "/index.html"], page);
  router.use(assets);
  return router;
}
