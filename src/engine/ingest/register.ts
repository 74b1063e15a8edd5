import * as duckdb from '@duckdb/duckdb-wasm';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource } from '../types';

let counter = 0;

/**
 * Registers a source with DuckDB's virtual file system under a fresh path: a dropped File as a
 * file handle (read in slices by the worker, never whole into JavaScript), a URL as an HTTP file.
 */
export async function registerSource(session: DuckSession, source: DataSource): Promise<string> {
  counter += 1;
  if (source.kind === 'file') {
    const path = `upload-${counter}/${source.file.name}`;
    await session.db.registerFileHandle(path, source.file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    return path;
  }
  const path = `url-${counter}/${source.url.split('/').pop()?.split('?')[0] || 'data'}`;
  await session.db.registerFileURL(path, source.url, duckdb.DuckDBDataProtocol.HTTP, false);
  return path;
}
