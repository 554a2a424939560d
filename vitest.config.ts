import path from "node:path";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // swc emits decorator metadata, which type-graphql needs (esbuild does not).
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: {
    // graphql 16 has no exports map: without this, vitest loads two copies ("another realm").
    alias: [
      { find: /^graphql$/, replacement: "graphql/index.js" },
      // The shared test support (package.json "imports"): client tests and benches import it as
      // #test-support/<file>.js; Node and tsc map .js to the .ts source, Vite needs it spelled out.
      { find: /^#test-support\/(.*)\.js$/, replacement: path.resolve(import.meta.dirname, "server/test/support/$1.ts") },
    ],
  },
  test: {
    globalSetup: ["server/test/global-setup.ts"],
    // Worker threads run the compiled worker entries (see global-setup.ts), also in child-process servers.
    env: { MANUALFORGE_WORKER_BUILD: path.resolve(import.meta.dirname, "node_modules/.cache/manualforge-worker") },
    include: ["server/test/**/*.test.ts", "client/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
