// The real server as a child process (for kill -9 and SIGTERM tests), on an ephemeral port.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../../..");

export interface ChildServer {
  url: string;
  wsUrl: string;
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ChildServerOptions {
  /** Run the compiled server (dist/, as `npm start` does) instead of the sources. Default false. */
  compiled?: boolean;
  /** How long to wait for the "GraphQL at" line. Default 30 s. */
  timeoutMs?: number;
}

export async function startChildServer(env: Record<string, string>, opts: ChildServerOptions = {}): Promise<ChildServer> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const args = opts.compiled ? ["dist/server/src/main.js"] : ["--import", "@swc-node/register/esm-register", "server/src/main.ts"];
  const proc = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", POOL_SIZE: "2", QUEUE_POLL_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /GraphQL at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", check);
    void exited.then(() => reject(new Error(`server exited before starting:\n${out}`)));
  });
  return { url, wsUrl: url.replace(/^http/, "ws"), proc, output: () => out, exited };
}
