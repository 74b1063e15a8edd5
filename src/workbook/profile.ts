import { quoteIdent, type ColumnInfo } from '../sql';

/** How a column's distribution is shown: a histogram for numbers and times, top values otherwise. */
export type ProfileShape = 'histogram' | 'top-values';

export function profileShape(type: string): ProfileShape {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*|DATE|TIMESTAMP.*)$/i.test(type)
    ? 'histogram'
    : 'top-values';
}

/** Counts, distinct values and range of a column, as one row. */
export function summarySql(table: string, column: ColumnInfo): string {
  const c = quoteIdent(column.name);
  return (
    `SELECT count(*)::DOUBLE AS total, (count(*) - count(${c}))::DOUBLE AS nulls, count(DISTINCT ${c})::DOUBLE AS distinct, ` +
    `CAST(min(${c}) AS VARCHAR) AS min, CAST(max(${c}) AS VARCHAR) AS max FROM ${quoteIdent(table)}`
  );
}

/** The most frequent values, with their counts. */
export function topValuesSql(table: string, column: ColumnInfo, limit = 8): string {
  const c = quoteIdent(column.name);
  return `SELECT CAST(${c} AS VARCHAR) AS value, count(*)::DOUBLE AS count FROM ${quoteIdent(table)} GROUP BY ${c} ORDER BY count DESC, value NULLS LAST LIMIT ${limit}`;
}

/**
 * An equal-width histogram with `bins` buckets over the column's range; dates and timestamps are
 * binned on their epoch so one query serves every ordered type.
 */
export function histogramSql(table: string, column: ColumnInfo, bins = 20): string {
  const c = quoteIdent(column.name);
  const numeric = /^(DATE|TIMESTAMP.*)$/i.test(column.type) ? `epoch(${c})` : `CAST(${c} AS DOUBLE)`;
  return `WITH v AS (SELECT ${numeric} AS x FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL),
b AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
SELECT least(${bins - 1}, floor((x - lo) / nullif((hi - lo) / ${bins}, 0)))::INTEGER AS bin, count(*)::DOUBLE AS count,
  any_value(lo) AS lo, any_value(hi) AS hi
FROM v, b GROUP BY bin ORDER BY bin`;
}
