// The latency baseline's client: a bare `ws` client that sends a message, waits for the echo,
// pauses `gapMs`, and so on, timing each round trip.
import WebSocket from "ws";

export interface EchoJob {
  url: string;
  count: number;
  /** Round trips before the `count` timed ones. */
  warm: number;
  gapMs: number;
}

/** Round-trip times (ms) of the `count` timed echoes. */
export async function echoRoundTrips(job: EchoJob): Promise<number[]> {
  const ws = new WebSocket(job.url);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const rtts: number[] = [];
  for (let i = 0; i < job.warm + job.count; i++) {
    const t = performance.now();
    const back = new Promise((resolve) => ws.once("message", resolve));
    ws.send(JSON.stringify({ i, t, message: `bench event ${i}` }));
    await back;
    if (i >= job.warm) rtts.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, job.gapMs));
  }
  ws.close();
  return rtts;
}
