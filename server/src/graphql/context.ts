// What every resolver gets: the server's services, the caller and its base URL.
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { ApiKeys, Caller } from "../auth/api-keys.js";
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import type { JobBus } from "../events/pubsub.js";
import type { Dispatcher } from "../jobs/dispatcher.js";

export interface Services {
  db: Db;
  events: EventLog;
  bus: JobBus;
  dispatcher: Dispatcher;
  storageDir: string;
  apiKeys: ApiKeys;
  uploadLimiter: RateLimiterAbstract;
  /** False once shutdown began: createJob answers SHUTTING_DOWN. */
  accepting: () => boolean;
  /** WEBHOOK_SECRET is set: createJob takes a webhookUrl. */
  webhooksEnabled?: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: webhook URLs may point at loopback/private addresses. */
  webhookAllowPrivate?: boolean;
}

export interface AppContext extends Services {
  caller: Caller;
  /** Who counts against the upload rate limit: the key, else the client address. */
  rateKey: string;
  /** e.g. http://127.0.0.1:4000 — artifact URLs are absolute so clients can fetch them as-is. */
  baseUrl: string;
}
