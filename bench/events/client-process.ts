// A benchmark client in a process of its own (forked with IPC), as real subscribers are: its
// garbage collector, compiler threads and event loop share nothing with the server's process.
// argv[2] is the job as JSON; it sends {type:"ready"} once live and {type:"done", result}.
import { echoRoundTrips, type EchoJob } from "./echo-client.js";
import { runSubscribers, type SubscriberJob } from "./subscribers.js";

export type ClientJob = { kind: "subscribe"; job: SubscriberJob } | { kind: "echo"; job: EchoJob };

const send = (m: unknown) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
const { kind, job } = JSON.parse(process.argv[2]!) as ClientJob;
const result = kind === "echo" ? await echoRoundTrips(job) : await runSubscribers(job, () => void send({ type: "ready" }));
await send({ type: "done", result });
process.disconnect();
