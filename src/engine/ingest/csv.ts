import { EngineError, isEngineError, messageOf } from '../errors';
import { quoteIdent, quoteLiteral } from '../sql';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { sourceLabel } from './source';
import { registerSource } from './register';

/** CSV and TSV through DuckDB's own reader (its sniffer types the columns), on a file handle. */
export async function readCsv(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  const path = await registerSource(session, source);
  const args = [quoteLiteral(path)];
  if (options.format === 'tsv') args.push(`delim = '\t'`);
  if (options.lenient) args.push('ignore_errors = true', 'null_padding = true');
  try {
    await session.query(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${args.join(', ')})`, [], {
      signal: options.signal,
    });
  } catch (e) {
    throw csvError(e, label);
  } finally {
    await session.db.dropFile(path);
  }
}

/** DuckDB's CSV errors name the line ("CSV Error on Line: 12"); lift it out for the UI. */
export function csvError(e: unknown, label: string): EngineError {
  if (isEngineError(e) && e.kind === 'cancelled') return e;
  const message = messageOf(e);
  const line = /on Line: (\d+)/i.exec(message)?.[1];
  const first = message.split('\n').find((l) => l.trim().length > 0) ?? message;
  const where = line ? `, line ${line}` : '';
  return new EngineError('file', `${label}${where}: ${first.replace(/^Invalid Input Error: /, '')}`, {
    file: label,
    line: line ? Number(line) : undefined,
  }, { cause: e });
}
