// Structured JSON logs (pino), one line per record on stdout. One process-wide logger: the
// server configures it at start (level, destination); modules log through `log` with a job id.
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** LOG_LEVEL's values (pino's levels, and silent) and its default (config.ts). */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export const DEFAULT_LOG_LEVEL = "info";

// Until startServer applies LOG_LEVEL (configureLog).
let current: Logger = pino({ level: DEFAULT_LOG_LEVEL });

/** The process-wide logger (a live binding: it is replaced by configureLog). */
export const log: Logger = new Proxy({} as Logger, {
  get: (_t, key) => {
    const value = Reflect.get(current, key, current);
    return typeof value === "function" ? value.bind(current) : value;
  },
});

/** LOG_LEVEL (trace…fatal, silent) and, for tests, a stream to write to instead of stdout. */
export function configureLog(level: string, destination?: DestinationStream): Logger {
  current = pino({ level, base: { pid: process.pid, service: "manualforge" }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return current;
}

/** An error as log fields: pino's err serializer keeps type, message, stack and cause. */
export function errFields(err: unknown): { err: unknown } {
  return { err: err instanceof Error ? err : new Error(String(err)) };
}
