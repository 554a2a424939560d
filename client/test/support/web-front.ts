// The page's origin for the browser test. When the API server already serves the page at `/`
// (web-app.ts wired into server.ts) this is the server itself; otherwise a small front server
// serves client/web/dist through webAppHandler and forwards /graphql (HTTP and WebSocket) and
// /artifacts to the API server, keeping the Host header so absolute URLs point back here.
import http from "node:http";
import net from "node:net";
import express from "express";
import { webAppHandler } from "../../../server/src/http/web-app.js";

export interface WebFront {
  url: string;
  proxied: boolean;
  close(): Promise<void>;
}

export async function webFront(apiUrl: string, distDir: string): Promise<WebFront> {
  const api = new URL(apiUrl);
  const home = await fetch(new URL("/", api)).then(
    (r) => (r.ok ? r.text() : ""),
    () => "",
  );
  if (home.includes("<title>ManualForge</title>")) return { url: `${api.origin}/`, proxied: false, close: async () => {} };

  const app = express();
  const forward: express.RequestHandler = (req, res) => {
    const upstream = http.request({ host: api.hostname, port: api.port, method: req.method, path: req.originalUrl, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.destroyed || res.status(502).end());
    req.pipe(upstream);
  };
  app.use(["/graphql", "/artifacts"], forward);
  app.use(webAppHandler(distDir));
  const server = http.createServer(app);
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  // WebSocket upgrades: replay the request head upstream, then splice the two sockets.
  server.on("upgrade", (req, socket, head) => {
    const up = net.connect(Number(api.port), api.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(socket).pipe(up);
    });
    for (const s of [up, socket]) s.on("error", () => (up.destroy(), socket.destroy()));
    sockets.add(up);
    up.on("close", () => (sockets.delete(up), socket.destroy()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    proxied: true,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
