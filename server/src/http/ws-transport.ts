// graphql-ws's protocol server (makeServer) on `ws` sockets, in place of graphql-ws/use/ws.
// The difference is how messages are written. use/ws resolves each send only when the socket
// write has completed, so a subscription delivers one event per write callback and every event
// costs its own writev syscall. Here a send resolves at once while the socket's buffer is below
// `highWaterMark`, and all sends of one tick are corked into one write. Above the mark a send
// waits for its write, so a slow reader pauses its subscriptions (their events then wait in the
// event log, see events/event-stream.ts) instead of growing the server's memory. Past twice the
// mark no send of any operation is queued until the socket drains; the results held back that
// way (queries that already ran for a client that reads nothing) may add up to `maxWaitingBytes`,
// past which the socket is closed with SLOW_READER_CLOSE_CODE and what waits is dropped.
import type http from "node:http";
import type { Socket } from "node:net";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { RawData, WebSocket, WebSocketServer } from "ws";

export interface TransportOptions {
  /** Ping interval and pong deadline in ms; a socket that misses a pong is terminated. 0 = off. */
  keepAliveMs: number;
  /** Bytes buffered on a socket above which a send waits for the socket to drain. */
  highWaterMark: number;
  /** Bytes of messages held back on one socket (beyond twice the mark) before it is closed as a slow reader. */
  maxWaitingBytes: number;
}

/**
 * Close code of a socket whose client stopped reading while results kept coming: more than
 * WS_MAX_WAITING_BYTES of them waited to be sent. 4xxx: the application's range (graphql-ws
 * uses 4400–4500 for its own); the client may reconnect and resume its subscriptions.
 */
export const SLOW_READER_CLOSE_CODE = 4413;

export interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
}

export function serveGraphqlWs<P extends Record<string, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<P, Extra & Partial<E>>,
  wss: WebSocketServer,
  t: TransportOptions,
): { dispose(): Promise<void>; waitingBytes(): number } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  const waiting = new Set<{ bytes: number }>();
  wss.on("connection", (socket: WebSocket, request: http.IncomingMessage) => {
    socket.once("error", (err) => socket.close(CloseCode.InternalServerError, limit(err.message)));
    // ws keeps its net.Socket private; without it sends still work, just uncorked.
    const raw = (socket as unknown as { _socket?: Socket })._socket;
    const stopKeepAlive = keepAlive(socket, raw, t.keepAliveMs);
    const held = { bytes: 0 };
    waiting.add(held);
    const send = corkedSender(socket, raw, t, held);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) => {
          const onMessage = async (data: RawData) => {
            // Closing (a slow reader, a shutdown): no new operation runs for it.
            if (socket.readyState !== socket.OPEN) return;
            try {
              await cb(String(data));
            } catch (err) {
              socket.close(CloseCode.InternalServerError, limit((err as Error).message));
            }
          };
          // onMessage catches every failure itself (it closes the socket): nothing is left to reject.
          socket.on("message", (data) => void onMessage(data));
        },
      },
      { socket, request } as Extra & Partial<E>,
    );
    socket.once("close", (code, reason) => {
      stopKeepAlive();
      waiting.delete(held);
      void closed(code, String(reason));
    });
  });
  return {
    waitingBytes: () => [...waiting].reduce((n, h) => n + h.bytes, 0),
    async dispose() {
      for (const client of wss.clients) client.close(1001, "Going away");
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A send that corks the socket for the rest of the tick and only waits when it is backed up. */
function corkedSender(socket: WebSocket, raw: Socket | undefined, t: TransportOptions, held: { bytes: number }): (data: string) => Promise<void> {
  const { highWaterMark } = t;
  let corked = false;
  const uncork = () => {
    corked = false;
    raw?.uncork();
  };
  const write = (data: string) =>
    new Promise<void>((resolve, reject) => {
      if (socket.readyState !== socket.OPEN) return resolve();
      if (raw && !corked) {
        corked = true;
        raw.cork();
        // After this tick's microtasks: every event published in one flush goes out in one write.
        process.nextTick(uncork);
      }
      const backedUp = socket.bufferedAmount > highWaterMark;
      socket.send(data, (err) => {
        if (!backedUp) return;
        if (err) reject(err);
        else resolve();
      });
      if (!backedUp) resolve();
    });
  // Past twice the mark nothing more is queued until the socket drains: many operations of one
  // client that reads nothing (queries' results too, not only subscriptions, which already wait
  // on their own writes) cannot pile up more than that in the server's memory.
  const limit = 2 * highWaterMark;
  // One wait shared by every send held back: hundreds of them must not each add listeners.
  let drain: Promise<void> | null = null;
  // Ends that wait at once (not at the 'close' event, which waits for the closing handshake).
  let wake = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  return async (data) => {
    if (!raw || socket.readyState !== socket.OPEN || socket.bufferedAmount <= limit) return write(data);
    // Held back: counted until it is handed to the socket (or dropped when the socket closes).
    const bytes = Buffer.byteLength(data);
    if (held.bytes + bytes > t.maxWaitingBytes) {
      socket.close(SLOW_READER_CLOSE_CODE, "Slow reader: results waited past WS_MAX_WAITING_BYTES");
      wake(); // every waiting send resolves unsent now that the socket is closing
      return;
    }
    held.bytes += bytes;
    try {
      while (socket.readyState === socket.OPEN && socket.bufferedAmount > limit) {
        drain ??= Promise.race([drained(socket, raw), stopped]).finally(() => (drain = null));
        await drain;
      }
    } finally {
      held.bytes -= bytes;
    }
    return write(data);
  };
}

/** Resolves when the socket's buffer drains or the socket closes. */
function drained(socket: WebSocket, raw: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    raw.once("drain", done);
    socket.once("close", done);
  });
}

/** An empty ping frame from the server: two header bytes. */
const PING_FRAME_BYTES = 2;

/**
 * Pings every `ms`; terminates the socket when, by the next ping, the pong has not come back and
 * the peer took none of the data sent to it. A client busy reading a long backlog answers pings
 * late (they queue behind the backlog), but it is plainly alive while the kernel keeps accepting
 * its data, and dropping it would only make it resume and read everything again.
 */
function keepAlive(socket: WebSocket, raw: Socket | undefined, ms: number): () => void {
  if (!(ms > 0) || !isFinite(ms)) return () => {};
  const delivered = () => (raw ? kernelTook(raw) : 0);
  let ponged = true;
  let deliveredAtPing = delivered();
  const onPong = () => (ponged = true);
  socket.on("pong", onPong);
  const interval = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    const now = delivered();
    // More than our own ping frame must have gone out since.
    if (!ponged && now - deliveredAtPing <= PING_FRAME_BYTES) return socket.terminate();
    ponged = false;
    deliveredAtPing = now;
    socket.ping();
  }, ms);
  return () => {
    clearInterval(interval);
    socket.off("pong", onPong);
  };
}

/**
 * Bytes of this socket the kernel has taken so far. A big write in flight is taken bit by bit
 * (libuv's write queue shrinks), so a slow reader shows progress long before the write
 * completes. Node keeps both counters internal; without them, bytes of completed writes.
 */
function kernelTook(raw: Socket): number {
  const s = raw as unknown as { _bytesDispatched?: number; _handle?: { writeQueueSize?: number } | null };
  const queued = s._handle?.writeQueueSize;
  if (typeof s._bytesDispatched === "number" && typeof queued === "number") return s._bytesDispatched - queued;
  return raw.bytesWritten - raw.writableLength;
}

/** WebSocket close reasons are limited to 123 bytes. */
function limit(reason: string): string {
  return Buffer.byteLength(reason) > 123 ? "Internal server error" : reason;
}
