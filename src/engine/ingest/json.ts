import { EngineError, messageOf } from '../errors';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { registerSource } from './register';
import { sourceLabel } from './source';

/**
 * JSON through the bindings' own reader (DuckDB-WASM has no json extension built in), which
 * takes an array of objects or newline-delimited objects.
 */
export async function readJson(session: DuckSession, source: DataSource, table: string, _options: IngestOptions): Promise<void> {
  const path = await registerSource(session, source);
  try {
    await session.withConnection((conn) => conn.insertJSONFromPath(path, { name: table, create: true }));
  } catch (e) {
    const label = sourceLabel(source);
    throw new EngineError('file', `${label} could not be read as JSON: ${messageOf(e)}`, { file: label }, { cause: e });
  } finally {
    await session.db.dropFile(path);
  }
}
