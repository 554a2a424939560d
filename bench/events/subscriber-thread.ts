// Worker thread holding the graphql-ws subscribers of the throughput and fan-out figures, so
// the client side does not share the server's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { runSubscribers, type SubscriberJob } from "./subscribers.js";

const report = await runSubscribers(workerData as SubscriberJob, () => parentPort!.postMessage({ type: "ready" }));
parentPort!.postMessage({ type: "done", report });
