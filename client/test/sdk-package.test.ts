// The SDK as an integrator gets it: `npm pack` the workspace package, install the tarball into a
// scratch project (offline: dependencies come from the npm cache that `npm ci` filled), type-check
// the README's example against the packed .d.ts, and run it against a real server.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { makeInputs } from "./support/inputs.js";

const run = promisify(execFile); // async: the server runs in this process and must keep answering
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

/**
 * A lockfile for the scratch project: the tarball plus its dependency closure, copied from the repo's
 * lockfile, so `npm ci --offline` takes every package from the npm cache by integrity (an offline
 * `npm install` would need registry metadata, which the cache does not keep).
 */
function scratchLock(tarball: string, integrity: string): object {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<
      string,
      {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      }
    >;
  };
  const sdk = JSON.parse(fs.readFileSync(path.join(ROOT, "client/package.json"), "utf8")) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
  };
  const packages: Record<string, object> = {
    "": { name: "sdk-consumer", dependencies: { [sdk.name]: `file:${tarball}` } },
    [`node_modules/${sdk.name}`]: { version: sdk.version, resolved: `file:${tarball}`, integrity, dependencies: sdk.dependencies },
  };
  const todo = Object.keys(sdk.dependencies);
  for (let name; (name = todo.pop());) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const entry = root.packages[key];
    if (!entry) throw new Error(`${name} is not in package-lock.json`);
    packages[key] = entry;
    const required = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    todo.push(...Object.keys(entry.dependencies ?? {}), ...required);
  }
  return { name: "sdk-consumer", lockfileVersion: 3, requires: true, packages };
}

/** The first ```ts block of the README's SDK section: the example the test runs is the one users read. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, "client/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## SDK"));
  const m = section.match(/```ts\n([\s\S]*?)```/);
  if (!m) throw new Error("client/README.md: no ```ts example in the SDK section");
  return m[1]!;
}

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-sdk-pkg-"));
});
afterAll(async () => {
  await server?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("@manualforge/client package", () => {
  it("packs with .d.ts and a small dependency set, installs offline, and the README example runs against a real server", async () => {
    // 1. npm pack (prepack builds client/dist with tsc).
    const packed = await run("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: path.join(ROOT, "client") });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; integrity: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["package.json", "dist/index.js", "dist/index.d.ts", "dist/codes.d.ts"]));
    expect(
      files.filter((f) => /^(src|web|test)\//.test(f) || f.endsWith(".test.ts")),
      "only the SDK ships",
    ).toEqual([]);

    // 2. A scratch project that depends on the tarball; dependencies from the local npm cache only.
    const app = path.join(scratch, "app");
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, "package.json"),
      JSON.stringify({ name: "sdk-consumer", private: true, type: "module", dependencies: { "@manualforge/client": `file:../${info!.filename}` } }),
    );
    fs.writeFileSync(path.join(app, "package-lock.json"), JSON.stringify(scratchLock(`../${info!.filename}`, info!.integrity), null, 2));
    await run("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: app });
    const installed = fs
      .readdirSync(path.join(app, "node_modules"), { recursive: true })
      .filter((p) => String(p).endsWith("package.json") && String(p).split(path.sep).length <= 3);
    expect(installed.length, "no server dependencies pulled in").toBeLessThan(20);
    expect(fs.existsSync(path.join(app, "node_modules/@prisma")), "no Prisma in the SDK's tree").toBe(false);

    // 3. The README example type-checks against the packed declarations and compiles to .mjs.
    fs.writeFileSync(path.join(app, "example.mts"), readmeExample());
    await run(
      process.execPath,
      [
        TSC,
        "--strict",
        "--module",
        "nodenext",
        "--target",
        "es2022",
        "--lib",
        "es2023,dom",
        "--skipLibCheck",
        "--types",
        "node",
        "--typeRoots",
        path.join(ROOT, "node_modules/@types"),
        "example.mts",
      ],
      { cwd: app },
    ).catch((e: { stdout?: string }) => {
      throw new Error(`README example does not type-check against the package:\n${e.stdout}`);
    });

    // 4. Run it against the server with real inputs.
    const { pdf, step } = await makeInputs();
    fs.writeFileSync(path.join(app, "drawing.pdf"), pdf);
    fs.writeFileSync(path.join(app, "model.step"), step);
    const out = await run(process.execPath, ["example.mjs"], {
      cwd: app,
      env: { ...process.env, MANUALFORGE_SERVER: server.url.replace("/graphql", "") },
      timeout: 50_000,
    });
    expect(out.stdout).toMatch(/JOB_SUCCEEDED/);
    expect(out.stdout).toMatch(/SUCCEEDED: manual\.html \d+ bytes, warnings \[/);

    // 5. Typed codes are exported at run time, and only through the exports map.
    fs.writeFileSync(
      path.join(app, "codes.mjs"),
      'import { ERROR_CODES, WARNING_CODES } from "@manualforge/client"; console.log(ERROR_CODES.includes("NOT_FOUND"), WARNING_CODES.includes("BOM_NOT_FOUND"));',
    );
    expect((await run(process.execPath, ["codes.mjs"], { cwd: app })).stdout.trim()).toBe("true true");
    const deep = await run(
      process.execPath,
      ["-e", 'import("@manualforge/client/dist/client.js").then(() => console.log("open"), (e) => console.log(e.code))'],
      { cwd: app },
    );
    expect(deep.stdout.trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
