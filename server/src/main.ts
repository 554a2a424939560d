// `npm start`: runs the server with settings from the environment (see README).
import { errFields, log } from "./ops/log.js";
import { startServer } from "./server.js";

const server = await startServer();
const { config } = server;
// The message ends with a space after the URL: scripts and tests find it with /GraphQL at (\S+)/.
log.info(
  {
    url: server.url,
    wsUrl: server.wsUrl,
    poolSize: config.poolSize,
    database: config.databaseUrl.replace(/\/\/[^@/]*@/, "//***@"),
    storage: config.storageDir,
  },
  `ManualForge GraphQL at ${server.url} `,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (err) => {
        log.fatal(errFields(err), "shutdown failed");
        process.exit(1);
      },
    );
  });
}
