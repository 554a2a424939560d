import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // swc emits decorator metadata, which type-graphql needs (esbuild does not).
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: {
    // graphql 16 has no exports map: without this, vitest loads two copies ("another realm").
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["server/test/**/*.test.ts", "client/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
