// Which builds are older than their sources: `npm start` rebuilds only those (a start with an
// up-to-date dist/ takes seconds, not the 45 s of tsc + vite). Plain JavaScript: it runs before
// anything is compiled.
import fs from "node:fs";
import path from "node:path";

/** Each build: the file it writes last-or-always (tsc and vite rewrite it on every build) and its inputs. */
export const BUILDS = [
  {
    name: "server",
    script: "build",
    output: "dist/server/src/main.js",
    inputs: ["server/src", "client/src", "prisma/generated", "prisma/generated-pg", "tsconfig.json", "tsconfig.build.json", "package-lock.json"],
  },
  {
    name: "web page",
    script: "build:client",
    output: "client/web/dist/index.html",
    inputs: [
      "client/web/src",
      "client/web/index.html",
      "client/web/vite.config.ts",
      "client/web/tsconfig.json",
      "client/src/sdk",
      "package-lock.json",
    ],
  },
  {
    name: "GraphiQL explorer",
    script: "build:explorer",
    output: "client/explorer/dist/index.html",
    inputs: ["client/explorer/src", "client/explorer/index.html", "client/explorer/vite.config.ts", "package-lock.json"],
  },
];

/** Newest modification time (ms) of a file or of every file below a directory; 0 when absent. */
export function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** The builds whose output is missing or older than one of their inputs. */
export function staleBuilds(root, builds = BUILDS) {
  return builds.filter((b) => {
    const out = newestMtime(path.join(root, b.output));
    return out === 0 || b.inputs.some((i) => newestMtime(path.join(root, i)) > out);
  });
}

/** Node releases we support: 22 LTS and 24 (20 is past end of life; several dependencies want ≥ 22). */
export function nodeSupported(version = process.versions.node) {
  const major = Number(version.split(".")[0]);
  return major === 22 || major === 24;
}
