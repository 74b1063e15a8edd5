import { EngineError, isEngineError, messageOf } from '../errors';
import { quoteIdent, quoteLiteral } from '../../sql';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, FileFormat, IngestOptions, IngestResult } from '../types';
import { readArrow } from './arrow';
import { readCsv } from './csv';
import { checkMagic } from './detect';
import { readJson } from './json';
import { readParquet } from './parquet';
import { readHead, sourceLabel } from './source';

type Reader = (session: DuckSession, source: DataSource, table: string, options: IngestOptions) => Promise<void>;

const READERS: Record<FileFormat, Reader> = {
  csv: readCsv,
  tsv: readCsv,
  json: readJson,
  parquet: readParquet,
  arrow: readArrow,
};

/**
 * Makes a new table from a file or URL. On any failure the half-made table is dropped, so a bad
 * file changes nothing else.
 */
export async function ingest(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<IngestResult> {
  const label = sourceLabel(source);
  const exists = await session.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ${quoteLiteral(table)}`,
  );
  if (exists.numRows > 0) throw new EngineError('file', `A table named ${table} already exists.`, { file: label });

  const head = await readHead(source, options.signal);
  checkMagic(label, options.format, head.bytes, head.size ?? head.bytes.length, options);
  try {
    await READERS[options.format](session, source, table, options);
  } catch (e) {
    await session.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    if (isEngineError(e)) throw e;
    throw new EngineError('file', `${label} could not be read: ${messageOf(e)}`, { file: label, fixes: [] }, { cause: e });
  }
  const count = await session.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
  return { table, rows: Number(count.get(0)?.n ?? 0), columns: await session.catalog.describe(table) };
}

export { ACCEPTED_EXTENSIONS, formatFromName } from './detect';
