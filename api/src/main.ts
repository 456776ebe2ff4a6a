import { ConfigError, loadConfig } from './config/index.ts';
import { DataModeError } from './demo/data-mode.ts';
import { createAssayServer } from './server.ts';

// Entry point: `node api/src/main.ts`. Configuration comes from environment variables (README lists them).

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let server;
try {
  server = await createAssayServer(config);
} catch (error) {
  if (error instanceof DataModeError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
let url: string;
try {
  url = await server.start();
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const reason = code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges this process lacks';
    console.error(
      `Cannot listen on ${config.host}:${config.port}: the port ${reason}. Set PORT (and HOST) to a free address.`,
    );
    await server.stop();
    process.exit(1);
  }
  throw error;
}
server.logger.info({ url, demo: config.demo, database: config.database.engine }, 'Assay started');
console.log(`Assay is running at ${url}${config.demo ? ' (demo data)' : ''}`);
if (server.setupLink) {
  console.log(`No admin account exists yet. Create the first one within 24 hours at:\n  ${server.setupLink}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'stopping');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
