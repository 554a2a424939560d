// ESLint: a few rules that catch real bugs, not a style guide (Prettier owns formatting).
// Type-aware (typescript-eslint's project service reads each file's nearest tsconfig), so a
// promise nobody awaits or a promise handed where a void callback is expected is an error.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

export default defineConfig(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "prisma/generated/**",
      "prisma/generated-pg/**",
      "client/src/sdk/generated/**",
      "test-artifacts/**",
      "data/**",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs", "**/*.js"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: "module" },
    plugins: { "@typescript-eslint": tseslint.plugin, "import-x": importX },
    settings: {
      // What eslint-plugin-import-x's own `flatConfigs.typescript` sets: without these it skips .ts files.
      "import-x/extensions": [".ts", ".tsx", ".mts", ".js", ".mjs"],
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts"] },
      // Resolves `./x.js` to `./x.ts` the way tsc does (NodeNext), so no-cycle sees the real graph.
      "import-x/resolver-next": [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ["tsconfig.json", "bench/tsconfig.json", "client/test/tsconfig.json", "client/web/tsconfig.json", "client/explorer/tsconfig.json"],
        }),
      ],
    },
    rules: {
      // Runtime import cycles: module initialisation order bugs. Type-only cycles are invisible to
      // this rule; server/scripts/import-cycles.mjs (run by `npm run lint`) checks those too.
      // ignoreExternal: a cycle through a package cannot involve our modules, and walking the packages was most of the time.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: {
        // prisma.config.ts is read by the Prisma CLI only and sits outside every tsconfig.
        projectService: { allowDefaultProject: ["prisma.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its rejection (unhandled → process exit) and its ordering.
      "@typescript-eslint/no-floating-promises": "error",
      // A promise where a void callback or a condition is expected: the rejection and the value are lost.
      "@typescript-eslint/no-misused-promises": "error",
      // `await` on a non-promise hides a misunderstanding of the API. Mixed arrays stay allowed:
      // graphql-ws's `dispose(): void | Promise<void>` belongs in a Promise.all.
      "@typescript-eslint/await-thenable": ["error", { allowMixedPromiseArrays: true }],
    },
  },
);
