import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ServerConfig } from './config.js';
import { DATA_LAYOUT, openDatabase, type Database } from './duckdb.js';
import type { Route } from './http.js';
import { QueryRegistry } from './queries.js';
import { healthRoutes } from './routes/health.js';
import { queryRoutes } from './routes/query.js';
import { tableRoutes } from './routes/tables.js';
import { tokenRoutes } from './routes/tokens.js';
import { uploadRoutes } from './routes/upload.js';
import { workbookRoutes } from './routes/workbooks.js';
import { openTokenStore, type TokenStore } from './tokens.js';
import { openWorkbookStore, type WorkbookStore } from './workbooks.js';

/** Everything a route can reach: the settings, the database and the stores. */
export interface App {
  readonly config: ServerConfig;
  readonly db: Database;
  readonly tokens: TokenStore;
  readonly workbooks: WorkbookStore;
  readonly queries: QueryRegistry;
  /** Absolute path of `uploads/`, the only folder SQL can read. */
  readonly uploadsDir: string;
}

/** Opens the data folder (creating it on first start) and everything in it. */
export async function openApp(config: ServerConfig): Promise<App> {
  const dir = (name: string) => path.join(config.dataDir, name);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // The database first: its file lock tells a second server on this folder to stop before it
  // touches anything.
  const db = await openDatabase(config);
  const uploadsDir = dir(DATA_LAYOUT.uploads);
  // Files left by an upload the server did not finish (a crash mid-import) are never reused.
  for (const name of [DATA_LAYOUT.uploads, DATA_LAYOUT.temp]) {
    await rm(dir(name), { recursive: true, force: true });
    await mkdir(dir(name), { mode: 0o700 });
  }
  const tokens = await openTokenStore(dir(DATA_LAYOUT.secrets));
  const workbooks = await openWorkbookStore(dir(DATA_LAYOUT.workbooks));
  return { config, db, tokens, workbooks, queries: new QueryRegistry(), uploadsDir };
}

/** Every route of the API, in matching order. */
export function routesOf(app: App): Route[] {
  return [
    ...healthRoutes(app),
    ...queryRoutes(app),
    ...tableRoutes(app),
    ...uploadRoutes(app),
    ...workbookRoutes(app),
    ...tokenRoutes(app),
  ];
}
