// Network tools for resume tests: a WebSocket class that records its sockets and what they sent,
// and a TCP proxy whose connections can all be cut at once (a network drop neither end chose).
import net from "node:net";
import WebSocket from "ws";

export function trackingWebSocket() {
  const sockets: WebSocket[] = [];
  const sent: string[] = [];
  class Tracked extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
    override send(data: any, ...rest: any[]): void {
      sent.push(String(data));
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  }
  return { Tracked, sockets, sent };
}

export async function startProxy(target: URL): Promise<{ url: string; cutAll(): void; close(): Promise<void>; connections: number }> {
  const live = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((inbound) => {
    state.connections++;
    const outbound = net.connect(Number(target.port), target.hostname);
    for (const s of [inbound, outbound]) {
      live.add(s);
      s.on("close", () => live.delete(s));
      s.on("error", () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on("close", () => outbound.destroy());
    outbound.on("close", () => inbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    get connections() {
      return state.connections;
    },
    cutAll: () => {
      for (const s of live) s.destroy();
    },
    close: () => {
      for (const s of live) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** The afterSeq values of the jobEvents subscriptions a tracked socket sent. */
export function subscribedAfterSeqs(sent: string[]): number[] {
  return sent
    .map((m) => JSON.parse(m) as { type: string; payload?: { variables?: { afterSeq?: number } } })
    .filter((m) => m.type === "subscribe")
    .map((m) => m.payload?.variables?.afterSeq ?? 0);
}

/** A port nobody listens on (bound, then released), for "server unreachable" tests. */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}
