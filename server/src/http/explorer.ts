// Self-hosted GraphiQL at /graphiql (client/explorer, built by `npm run build:explorer` into
// client/explorer/dist): every file comes from this server, so it works without internet,
// unlike Apollo Sandbox (loaded from Apollo's CDN, at GET /graphql).
import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

export function defaultExplorerDist(): string {
  const here = import.meta.dirname;
  const candidates = [path.resolve(here, "../../../client/explorer/dist"), path.resolve(here, "../../../../client/explorer/dist")];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0]!;
}

export function explorerHandler(distDir: string = defaultExplorerDist()): Router {
  const router = express.Router();
  const index = path.join(distDir, "index.html");
  router.get(["/", "/index.html"], (req, res) => {
    // Relative asset URLs need the trailing slash (/graphiql/ not /graphiql).
    if (!req.originalUrl.split("?")[0]!.endsWith("/") && !req.originalUrl.includes("index.html")) return res.redirect(301, `${req.baseUrl}/`);
    if (!fs.existsSync(index))
      return void res.status(404).type("text/plain").send("GraphiQL is not built. Run `npm run build:explorer`, then reload.\n");
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  router.use(express.static(distDir, { index: false, immutable: true, maxAge: "365d" }));
  return router;
}
