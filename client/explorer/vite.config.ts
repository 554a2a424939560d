// Vite build of the self-hosted GraphiQL (served by the API server at /graphiql from dist/).
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/graphiql/",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // Radix UI's "use client" markers mean nothing outside React Server Components.
      onwarn: (w, warn) => (w.code === "MODULE_LEVEL_DIRECTIVE" ? undefined : warn(w)),
    },
  },
});
