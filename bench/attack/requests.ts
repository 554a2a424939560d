// The request side of the attack replay (bench/attack/run.ts): heavy allowed queries with
// /healthz timed beside them, clients that never read (graphql-ws and HTTP), a foreign Origin
// on the WebSocket, introspection and "Did you mean" on both transports, a multipart request
// without a boundary. Each check returns lines to print and whether it held.
import net from "node:net";
import WebSocket from "ws";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every error message the replay saw, for the "no server path in any message" check. */
export const messagesSeen: string[] = [];

const JOB =
  "id status errorCode errorMessage warnings { code severity message } inputs { originalName size } stages { stage status message summary } " +
  "bom { index item partNumber name description quantity unit material note page confidence } parts { index name instanceCount partNumber fileName } " +
  "matches { bomIndex partIndex confidence reason bomQuantity cadQuantity quantityOk }";

/** The heaviest query the limits let through: `aliases` × jobs(first: 100) with every list of each job. */
export function heavyQuery(aliases: number): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: jobs(first: 100) { totalCount edges { node { ${JOB} } } }`).join(" ")} }`;
}

async function post(
  url: string,
  query: string,
): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> }; bytes: number }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const text = await res.text();
  const body = JSON.parse(text) as { errors?: Array<{ message: string }> };
  for (const e of body.errors ?? []) messagesSeen.push(e.message);
  return { status: res.status, body, bytes: text.length };
}

/** `aliases` × the job's whole event log (its data included). */
export function eventsQuery(aliases: number, jobId: string): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: events(jobId: "${jobId}", first: 1000) { jobId seq at kind stage progress message level data }`).join(" ")} }`;
}

/** Of each family the most aliases the server accepts (cost, aliases, tokens); the one with the largest result. */
export async function heaviestAccepted(url: string, jobId: string): Promise<{ query: string; label: string; bytes: number }> {
  const families = [
    { label: "jobs(first: 100) with every list", make: heavyQuery },
    { label: "events(first: 1000) of the normal job", make: (n: number) => eventsQuery(n, jobId) },
  ];
  let best: { query: string; label: string; bytes: number } | null = null;
  for (const f of families) {
    for (let n = 30; n >= 1; n--) {
      const q = f.make(n);
      const r = await post(url, q);
      if (r.body.errors?.length) continue;
      if (!best || r.bytes > best.bytes) best = { query: q, label: `${n} aliases of ${f.label}`, bytes: r.bytes };
      break;
    }
  }
  if (!best) throw new Error("no heavy query accepted");
  return best;
}

/** /healthz answers (ms) while `work` runs, polled every 20 ms: the longest, and median/p95/count in `lastPolls`. */
export let lastPolls = "";
async function healthDuring(url: string, work: () => Promise<unknown>): Promise<number> {
  let done = false;
  let worst = 0;
  const times: number[] = [];
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      try {
        const res = await fetch(new URL("/healthz", url), { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
      } catch {
        // unanswered in 60 s: counted as such
      }
      worst = Math.max(worst, performance.now() - t);
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await poll;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(0);
  lastPolls = `${times.length} polls, median ${at(0.5)} ms, p95 ${at(0.95)} ms, ${times.filter((t) => t >= 1000).length} over 1 s`;
  return worst;
}

export async function healthzDuringQueries(url: string, heavy: string): Promise<Check> {
  const bomb = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: job(id: "x") { id status bom { item } parts { name } matches { partName: reason } stages { stage } }`).join(" ")} }`;
  const worstHeavy = await healthDuring(url, () => post(url, heavy));
  const worstBomb = await healthDuring(url, () => post(url, bomb));
  const worst = Math.max(worstHeavy, worstBomb);
  return {
    name: "/healthz within 1 s during any single query",
    ok: worst < 1000,
    detail: `worst ${worstHeavy.toFixed(0)} ms beside the heaviest allowed query, ${worstBomb.toFixed(0)} ms beside a 1,000-alias bomb`,
  };
}

export function foreignOrigin(wsUrl: string): Promise<Check> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, "graphql-transport-ws", { headers: { Origin: "http://evil.example" } });
    const done = (ok: boolean, detail: string) => {
      ws.removeAllListeners();
      ws.on("error", () => {});
      ws.terminate();
      resolve({ name: "a foreign Origin cannot use the WebSocket", ok, detail });
    };
    ws.on("unexpected-response", (_req, res) => done(res.statusCode === 403, `upgrade answered ${res.statusCode}`));
    ws.on("open", () => done(false, "upgrade accepted"));
    ws.on("error", (err) => done(false, err.message));
  });
}

/** One operation over a raw graphql-ws socket: its error messages (or [] on success). */
function wsErrors(wsUrl: string, query: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, "graphql-transport-ws");
    const timer = setTimeout(() => reject(new Error("no answer over graphql-ws in 10 s")), 10_000);
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init" })));
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (msg.type === "connection_ack") ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
      const end = (errors: string[]) => {
        clearTimeout(timer);
        messagesSeen.push(...errors);
        ws.close();
        resolve(errors);
      };
      if (msg.type === "error") end((msg.payload as Array<{ message: string }>).map((e) => e.message));
      if (msg.type === "next") {
        const errs = (msg.payload as { errors?: Array<{ message: string }> }).errors;
        if (errs?.length) end(errs.map((e) => e.message));
      }
      if (msg.type === "complete") end([]);
    });
    ws.on("error", reject);
  });
}

export async function noIntrospection(url: string, wsUrl: string): Promise<Check[]> {
  const intro = "{ __schema { types { name } } }";
  const typo = "{ jobz { totalCount } }";
  const httpIntro = (await post(url, intro)).body.errors?.length ?? 0;
  const wsIntro = (await wsErrors(wsUrl, intro)).length;
  const httpTypo = (await post(url, typo)).body.errors?.map((e) => e.message).join(" ") ?? "";
  const wsTypo = (await wsErrors(wsUrl, typo)).join(" ");
  const suggests = (m: string) => /Did you mean/i.test(m) || m.includes('"jobs"');
  return [
    {
      name: "no introspection in production (HTTP, WebSocket)",
      ok: httpIntro > 0 && wsIntro > 0,
      detail: `__schema refused: HTTP ${httpIntro > 0}, WebSocket ${wsIntro > 0}`,
    },
    {
      name: "no field suggestions in production (HTTP, WebSocket)",
      ok: !!httpTypo && !!wsTypo && !suggests(httpTypo) && !suggests(wsTypo),
      detail: `"${httpTypo}" / "${wsTypo}"`,
    },
  ];
}

export async function multipartWithoutBoundary(url: string): Promise<Check> {
  const t = performance.now();
  const ctl = AbortSignal.timeout(10_000);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "multipart/form-data", "apollo-require-preflight": "true" },
      body: "x".repeat(100),
      signal: ctl,
    });
    const text = await res.text();
    messagesSeen.push(text);
    return {
      name: "no request unanswered (multipart without boundary)",
      ok: true,
      detail: `HTTP ${res.status} in ${(performance.now() - t).toFixed(0)} ms`,
    };
  } catch (err) {
    return { name: "no request unanswered (multipart without boundary)", ok: false, detail: (err as Error).message };
  }
}

/** Samples `rss()` every 20 ms while `work` runs; the highest value. */
export async function peakDuring(rss: () => number, work: () => Promise<unknown>): Promise<number> {
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rss());
}

/**
 * A graphql-ws client that stops reading, then sends `count` heavy queries: the server must
 * refuse what is past WS_MAX_OPERATIONS_IN_FLIGHT and/or close the socket with 4413, while
 * /healthz and another client's query are answered.
 */
export async function wsSlowReader(
  url: string,
  wsUrl: string,
  heavy: string,
  count: number,
): Promise<{ check: Check; refused: number; nexts: number; code: number }> {
  const ws = new WebSocket(wsUrl, "graphql-transport-ws");
  let refused = 0;
  let nexts = 0;
  let completes = 0;
  await new Promise<void>((resolve, reject) => {
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init" })));
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { type: string; payload?: Array<{ message: string; extensions?: { code?: string } }> };
      if (msg.type === "connection_ack") resolve();
      if (msg.type === "error") {
        refused++;
        messagesSeen.push(...(msg.payload ?? []).map((e) => e.message));
      }
      if (msg.type === "next") nexts++;
      if (msg.type === "complete") completes++;
    });
    ws.on("error", reject);
  });
  const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
  const raw = (ws as unknown as { _socket: net.Socket })._socket;
  raw.pause();
  for (let i = 0; i < count; i++) ws.send(JSON.stringify({ id: String(i), type: "subscribe", payload: { query: heavy } }));
  // While it reads nothing: /healthz and another client.
  const worst = await healthDuring(url, async () => {
    await new Promise((r) => setTimeout(r, 3000));
    await post(url, "{ jobs(first: 1) { totalCount } }");
  });
  raw.resume();
  const code = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(0), 20_000))]);
  if (!code) ws.terminate();
  const all = refused + completes;
  return {
    refused,
    nexts,
    code,
    check: {
      name: `graphql-ws client reading nothing, ${count} heavy queries`,
      ok: worst < 1000 && (code !== 0 || all === count),
      detail: `${refused} refused (TOO_MANY_OPERATIONS), ${nexts} results delivered, socket ${code ? `closed ${code}` : "still open"}; /healthz worst ${worst.toFixed(0)} ms (${lastPolls})`,
    },
  };
}

/**
 * `sockets` HTTP connections that each send `perSocket` pipelined heavy queries and never read
 * the answers; /healthz is timed meanwhile. Node stops reading a connection whose answers are
 * not taken, so each holds at most a few results.
 */
export async function httpSlowReaders(url: string, heavy: string, sockets: number, perSocket: number, holdMs: number): Promise<{ check: Check }> {
  const { hostname, port, pathname } = new URL(url);
  const body = JSON.stringify({ query: heavy });
  const request = `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const conns: net.Socket[] = [];
  for (let i = 0; i < sockets; i++) {
    const s = net.connect(Number(port), hostname);
    s.on("error", () => {});
    s.pause(); // never reads
    s.write(request.repeat(perSocket));
    conns.push(s);
  }
  const worst = await healthDuring(url, () => new Promise((r) => setTimeout(r, holdMs)));
  for (const s of conns) s.destroy();
  return {
    check: {
      name: `HTTP: ${sockets} connections × ${perSocket} pipelined heavy queries, answers never read`,
      ok: worst < 1000,
      detail: `/healthz worst ${worst.toFixed(0)} ms over ${holdMs / 1000} s (${lastPolls})`,
    },
  };
}
