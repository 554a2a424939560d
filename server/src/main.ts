// `npm start`: runs the server with settings from the environment (see README).
import { startServer } from "./server.js";

const server = await startServer();
console.log(`ManualForge GraphQL at ${server.url} (subscriptions: ${server.wsUrl})`);
console.log(`Pool: ${server.config.poolSize} workers · database: ${server.config.databaseUrl} · storage: ${server.config.storageDir}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: shutting down…`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
