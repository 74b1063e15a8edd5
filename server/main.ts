/**
 * `npm run server`: the Cellar backend. Prints one machine-readable line first,
 * `CELLAR_SERVER {"url":…,"token":…,"dataDir":…,"duckdb":…}`, then the same for people.
 *
 * This process only speaks HTTP: DuckDB and every route run in a query process
 * (sandbox/child.ts) under an OS memory limit, which this one restarts whenever it ends, so no
 * request can take the server down.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, usage } from './config.js';
import { createProxy } from './sandbox/proxy.js';
import { startQueryProcess } from './sandbox/supervisor.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const config = parseConfig(argv, process.env, process.cwd());
  const queryProcess = await startQueryProcess(config);
  const server = createServer({ requestTimeout: 0 }, createProxy(queryProcess, config.statementTimeoutMs));
  // Uploads can take long; the default 5-minute request timeout would cut them off.
  server.headersTimeout = 60_000;
  // Longer than clients keep idle sockets (undici: 4 s), so the server is not the one to close a
  // socket just as a client sends its next request on it.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const { adminToken, duckdb } = queryProcess.info;
  console.log(`CELLAR_SERVER ${JSON.stringify({ url, token: adminToken, dataDir: config.dataDir, duckdb })}`);
  console.log(`Cellar server on ${url} (DuckDB ${duckdb}, data in ${config.dataDir})`);
  console.log(`Admin token: ${adminToken}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // The query process interrupts its queries and closes (checkpoints) the database.
    await queryProcess.stop();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
