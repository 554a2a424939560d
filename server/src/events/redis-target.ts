// Live events across server instances: graphql-yoga's Redis EventTarget (as in type-graphql's
// own Redis example). Every instance publishes its events to Redis and hears everyone's; the
// database stays the source of truth (subscribers refill gaps from it).
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";

export interface RedisTarget {
  target: EventTarget;
  /** For /readyz: resolves when Redis answers PING. */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

export async function connectRedisTarget(url: string): Promise<RedisTarget> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const publishClient = new Redis(url, options);
  const subscribeClient = new Redis(url, options);
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const target = createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget;
  return {
    target,
    ping: () => publishClient.ping(),
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
