import { EngineError, isEngineError, messageOf } from '../errors';
import { quoteIdent, quoteLiteral } from '../sql';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { sourceLabel } from './source';
import { registerSource } from './register';

interface CsvRead {
  delim?: string;
  lenient?: boolean;
}

function readCsvSql(path: string, read: CsvRead, extra: string[] = []): string {
  const args = [quoteLiteral(path)];
  if (read.delim) args.push(`delim = ${quoteLiteral(read.delim)}`);
  if (read.lenient) args.push('ignore_errors = true');
  return `read_csv(${[...args, ...extra].join(', ')})`;
}

/** CSV and TSV through DuckDB's own reader (its sniffer types the columns), on a file handle. */
export async function readCsv(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  const path = await registerSource(session, source);
  const read: CsvRead = { delim: options.format === 'tsv' ? '\t' : undefined, lenient: options.lenient };
  const create = (r: CsvRead) =>
    session.query(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${readCsvSql(path, r)}`, {}, { signal: options.signal });
  try {
    try {
      await create(read);
    } catch (e) {
      if (!/Error when sniffing/.test(messageOf(e))) throw e;
      throw (await firstBadLine(session, path, label, read.delim ?? ',')) ?? e;
    }
    if (!read.delim && (await sniffedOneTextColumn(session, table))) {
      // When lines disagree, DuckDB's sniffer falls back to one text column holding whole lines.
      await session.query(`DROP TABLE ${quoteIdent(table)}`);
      if (!read.lenient) throw (await firstBadLine(session, path, label, ',')) ?? new EngineError('file', `${label}: the lines do not have the same number of fields.`, { file: label });
      await create({ ...read, delim: ',' });
    }
  } catch (e) {
    throw csvError(e, label);
  } finally {
    await session.db.dropFile(path);
  }
}

async function sniffedOneTextColumn(session: DuckSession, table: string): Promise<boolean> {
  const columns = await session.describe(table);
  return columns.length === 1 && columns[0]!.type === 'VARCHAR' && columns[0]!.name.includes(',');
}

/**
 * The first line DuckDB rejects, found with a lenient read that stores its rejects (the sniffer's
 * own error does not say which line broke it).
 */
async function firstBadLine(session: DuckSession, path: string, label: string, delim: string): Promise<EngineError | undefined> {
  return session.withConnection(async (conn) => {
    // reject_errors is a temporary table: it lives on this connection only.
    try {
      await conn.query(
        `SELECT count(*) FROM ${readCsvSql(path, { delim, lenient: true }, ['store_rejects = true'])}`,
      );
      const result = await conn.query(
        // One line can be rejected more than once (DuckDB reports each extra field); take its last word.
        `WITH first AS (SELECT min(line) AS line FROM reject_errors)
         SELECT first.line::DOUBLE AS line, max(e.error_message) AS error_message,
           (SELECT count(DISTINCT line) FROM reject_errors)::DOUBLE AS bad
         FROM reject_errors e JOIN first ON e.line = first.line GROUP BY first.line`,
      );
      const row = result.toArray()[0] as { line: number; error_message: string; bad: number } | undefined;
      if (!row) return undefined;
      const more = row.bad > 1 ? ` (${row.bad - 1} more bad lines)` : '';
      return new EngineError('file', `${label}, line ${row.line}: ${row.error_message}${more}`, { file: label, line: row.line });
    } catch (e) {
      console.warn('could not find the bad line', e);
      return undefined;
    } finally {
      await conn.query('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans').catch(() => undefined);
    }
  });
}

/** DuckDB's CSV errors name the line ("CSV Error on Line: 12"); lift it out for the UI. */
export function csvError(e: unknown, label: string): EngineError {
  if (isEngineError(e) && (e.kind === 'cancelled' || e.kind === 'file')) return e;
  const message = messageOf(e);
  const line = /on Line: (\d+)/i.exec(message)?.[1];
  const first = message.split('\n').find((l) => l.trim().length > 0) ?? message;
  const where = line ? `, line ${line}` : '';
  return new EngineError('file', `${label}${where}: ${first.replace(/^Invalid Input Error: /, '')}`, {
    file: label,
    line: line ? Number(line) : undefined,
  }, { cause: e });
}
