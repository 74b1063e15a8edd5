import { EngineError, messageOf, type ReadOptions } from '../errors';
import { quoteIdent, quoteLiteral } from '../../sql';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { sourceLabel } from './source';
import { registerSource } from './register';
import { csvError, explainCsvReason, LENIENT } from './csv-errors';

interface CsvRead extends ReadOptions {
  delim?: string;
}

function readCsvSql(path: string, read: CsvRead, extra: string[] = []): string {
  const args = [quoteLiteral(path)];
  if (read.delim) args.push(`delim = ${quoteLiteral(read.delim)}`);
  if (read.lenient) args.push('ignore_errors = true');
  if (read.encoding) args.push(`encoding = ${quoteLiteral(read.encoding)}`);
  if (read.textColumns?.length) args.push(`types = {${read.textColumns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`);
  return `read_csv(${[...args, ...extra].join(', ')})`;
}

/** CSV and TSV through DuckDB's own reader (its sniffer types the columns), on a file handle. */
export async function readCsv(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  const path = await registerSource(session, source);
  const read: CsvRead = {
    delim: options.format === 'tsv' ? '\t' : undefined,
    lenient: options.lenient,
    encoding: options.encoding,
    textColumns: options.textColumns,
  };
  const create = (r: CsvRead) =>
    session.query(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${readCsvSql(path, r)}`, {}, { signal: options.signal });
  try {
    try {
      await create(read);
    } catch (e) {
      if (!/Error when sniffing/.test(messageOf(e))) throw e;
      throw (await firstBadLine(session, path, label, { ...read, delim: read.delim ?? ',' })) ?? e;
    }
    if (!read.delim && (await sniffedOneTextColumn(session, table))) {
      // When lines disagree, DuckDB's sniffer falls back to one text column holding whole lines.
      await session.query(`DROP TABLE ${quoteIdent(table)}`);
      if (!read.lenient) {
        throw (
          (await firstBadLine(session, path, label, { ...read, delim: ',' })) ??
          new EngineError('file', `${label}: the lines do not have the same number of fields.`, { file: label, fixes: [LENIENT] })
        );
      }
      await create({ ...read, delim: ',' });
    }
  } catch (e) {
    throw csvError(e, label, read);
  } finally {
    await session.db.dropFile(path);
  }
}

async function sniffedOneTextColumn(session: DuckSession, table: string): Promise<boolean> {
  const columns = await session.catalog.describe(table);
  return columns.length === 1 && columns[0]!.type === 'VARCHAR' && columns[0]!.name.includes(',');
}

/**
 * The first line DuckDB rejects, found with a lenient read that stores its rejects (the sniffer's
 * own error does not say which line broke it).
 */
async function firstBadLine(session: DuckSession, path: string, label: string, read: CsvRead): Promise<EngineError | undefined> {
  return session.withConnection(async (conn) => {
    // reject_errors is a temporary table: it lives on this connection only.
    try {
      await conn.query(
        `SELECT count(*) FROM ${readCsvSql(path, { ...read, lenient: true }, ['store_rejects = true'])}`,
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
      const more = row.bad > 1 ? ` (${row.bad - 1} more bad lines after it)` : '';
      const { why, fixes } = explainCsvReason(row.error_message, read);
      return new EngineError('file', `${label}, line ${row.line}${more}: ${why}`, { file: label, line: row.line, fixes });
    } catch (e) {
      console.warn('could not find the bad line', e);
      return undefined;
    } finally {
      await conn.query('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans').catch(() => undefined);
    }
  });
}
