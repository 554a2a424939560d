// Vite build of the web page (served by the API server at `/` from dist/) and its dev server,
// which proxies the API to MANUALFORGE_SERVER (default http://127.0.0.1:4000).
import { defineConfig } from "vite";

const api = process.env.MANUALFORGE_SERVER ?? "http://127.0.0.1:4000";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: api, ws: true },
      "/artifacts": { target: api },
    },
  },
});
