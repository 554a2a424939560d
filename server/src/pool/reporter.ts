// The worker side of progress reporting: each call is one synchronous postMessage on the
// task's MessagePort. The worker never waits for the main thread and needs no event loop turn
// for the message to be delivered in order.
import type { MessagePort } from "node:worker_threads";
import type { LogLevel, Reporter } from "../stages/types.js";
import type { WorkerMessage } from "./messages.js";

export function portReporter(port: MessagePort): Reporter & { end(): void } {
  const post = (m: WorkerMessage) => port.postMessage(m);
  return {
    stage(percent: number, message: string, data?: unknown) {
      post({ type: "progress", percent, message, data });
    },
    log(level: LogLevel, message: string, data?: unknown) {
      post({ type: "log", level, message, data });
    },
    end() {
      post({ type: "end" });
      port.close();
    },
  };
}
