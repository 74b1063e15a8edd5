import { quoteIdent } from '../sql';

// The SQL text the run side sends besides a block's own statement: written here, beside the other
// SQL builders, so state/ composes statements and never spells SQL itself.

/** Every row of a table (a server table pulled into the browser, a block copied across). */
export const selectAllSql = (table: string, limit?: number): string => `SELECT * FROM ${quoteIdent(table)}${limit === undefined ? '' : ` LIMIT ${limit}`}`;

/** A new SQL block's first statement: a look at the last table, or an answer to start from. */
export const firstLookSql = (lastTable: string | undefined): string => (lastTable === undefined ? 'SELECT 42 AS answer' : selectAllSql(lastTable, 100));

/** How many rows a relation has, as `n`. */
export const rowCountSql = (table: string): string => `SELECT count(*) AS n FROM ${quoteIdent(table)}`;

/** Makes (or replaces) a table from a SELECT: answers with the number of rows written. */
export const createTableAsSql = (table: string, select: string): string => `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${select}`;

/** A dropdown cell's options: the distinct values of a column, as text, at most 1000. */
export const distinctValuesSql = (table: string, column: string): string => {
  const c = quoteIdent(column);
  return `SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL ORDER BY 1 LIMIT 1000`;
};

/** The days a time column spans, as `d` (a chart suggestion picks its time unit by it). */
export const daySpanSql = (table: string, column: string): string => {
  const c = quoteIdent(column);
  return `SELECT datediff('day', CAST(min(${c}) AS TIMESTAMP), CAST(max(${c}) AS TIMESTAMP)) AS d FROM ${quoteIdent(table)}`;
};

/**
 * A table's rows as an .xlsx export reads them: types a spreadsheet cell cannot hold as they come
 * out of Arrow (DECIMAL and HUGEINT as buffers, INTERVAL, lists, structs, blobs, times) become
 * DOUBLE or text; numbers, text, booleans, dates and timestamps pass as they are.
 */
export const spreadsheetRowsSql = (table: string, columns: readonly { name: string; type: string }[]): string => {
  const plain = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|VARCHAR|BOOLEAN|DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS)$/i;
  const list = columns.map((c) => {
    const q = quoteIdent(c.name);
    if (plain.test(c.type)) return q;
    const numeric = /^(DECIMAL|NUMERIC|HUGEINT|UHUGEINT)/i.test(c.type);
    return `CAST(${q} AS ${numeric ? 'DOUBLE' : 'VARCHAR'}) AS ${q}`;
  });
  return `SELECT ${list.join(', ') || '*'} FROM ${quoteIdent(table)}`;
};
