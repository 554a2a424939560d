// No Docker engine on the test machine: the container files are checked for what the operators
// rely on (multi-stage, non-root, fonts and poppler, the compiled server; PostgreSQL + Redis with
// two instances behind a proxy that passes WebSockets).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../../..");
const read = (f: string) => fs.readFileSync(path.join(REPO, f), "utf8");

describe("container files", () => {
  it("Dockerfile: multi-stage, non-root, Debian fonts and poppler, runs dist/ with a readiness health check", () => {
    const docker = read("Dockerfile");
    const froms = [...docker.matchAll(/^FROM (\S+)(?: AS (\S+))?/gm)];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.every((m) => /bookworm/.test(m[1]!))).toBe(true); // Debian
    expect(docker).toMatch(/COPY --from=build/);
    const user = [...docker.matchAll(/^USER (\S+)/gm)].at(-1)?.[1];
    expect(user && user !== "root" && user !== "0").toBe(true);
    for (const pkg of ["poppler-utils", "fonts-wqy-zenhei", "fonts-dejavu-core"]) expect(docker).toContain(pkg);
    expect(docker).toMatch(/CMD \["node", "dist\/server\/src\/main\.js"\]/);
    expect(docker).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(docker).toMatch(/npm prune --omit=dev/);
  });

  it("compose.yaml: PostgreSQL + Redis, two instances sharing storage, a proxy that upgrades WebSockets", () => {
    const compose = read("compose.yaml");
    for (const s of ["postgres:", "redis:", "manualforge-1:", "manualforge-2:", "proxy:"]) expect(compose).toContain(`\n  ${s}`);
    expect(compose).toMatch(/DATABASE_URL: postgresql:\/\//);
    expect(compose).toMatch(/REDIS_URL: redis:\/\//);
    expect(compose).toMatch(/INSTANCE_ID: manualforge-1[\s\S]*INSTANCE_ID: manualforge-2/);
    expect(compose).toMatch(/storage:\/data\/storage/);
    const nginx = read("deploy/nginx.conf");
    expect(nginx).toMatch(/server manualforge-1:4000[\s\S]*server manualforge-2:4000/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(read(".ci/run")).toMatch(/docker info[\s\S]*\[skip\] no Docker engine/);
  });
});
