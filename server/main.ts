/**
 * `npm run server`: the Cellar backend. Prints one machine-readable line first,
 * `CELLAR_SERVER {"url":…,"token":…,"dataDir":…,"duckdb":…}`, then the same for people.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openApp, routesOf } from './app.js';
import { parseConfig, usage } from './config.js';
import { createHandler } from './http.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const config = parseConfig(argv, process.env, process.cwd());
  const app = await openApp(config);
  const server = createServer({ requestTimeout: 0 }, createHandler(routesOf(app), app.tokens));
  // Uploads can take long; the default 5-minute request timeout would cut them off.
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  console.log(`CELLAR_SERVER ${JSON.stringify({ url, token: app.tokens.adminToken, dataDir: config.dataDir, duckdb: app.db.version })}`);
  console.log(`Cellar server on ${url} (DuckDB ${app.db.version}, data in ${config.dataDir})`);
  console.log(`Admin token: ${app.tokens.adminToken}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    app.queries.cancelAll();
    // Interrupted queries end within moments; a connection must not close under a running one.
    for (let waited = 0; app.queries.size > 0 && waited < 3000; waited += 50) await sleep(50);
    server.closeAllConnections();
    // Closing checkpoints the database, so the next start finds every table in the file.
    app.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (/Could not set lock on file/.test(message)) {
    console.error('Another Cellar server is using this data folder (DuckDB holds a lock on its database file).');
  } else console.error(message);
  process.exit(1);
});
