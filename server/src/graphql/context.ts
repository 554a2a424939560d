// What every resolver gets: the server's services and the caller's base URL.
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
}

export interface AppContext extends Services {
  /** e.g. http://127.0.0.1:4000 — artifact URLs are absolute so clients can fetch them as-is. */
  baseUrl: string;
}
