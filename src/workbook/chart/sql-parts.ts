import { quoteIdent, type ColumnInfo } from '../../sql';
import { columnKind } from './fields';
import type { ChannelDef, TimeUnit } from './types';

// SQL for one channel's values, as the chart's data query and its selection's filter both use them.
// Times travel as milliseconds since the epoch (UTC), DOUBLE, so the page gets plain numbers.

/** A time as ms since the epoch, as DOUBLE. */
export const epochMs = (sql: string) => `CAST(epoch_ms(CAST(${sql} AS TIMESTAMP)) AS DOUBLE)`;

/**
 * A time truncated to a Vega-Lite time unit. Units that drop the year (month, quarter, day of the
 * week …) land in one fixed year, as Vega-Lite's own do, so it reads them with the same unit.
 */
export function timeUnitSql(unit: TimeUnit, f: string): string {
  switch (unit) {
    case 'year':
      return `date_trunc('year', ${f})`;
    case 'yearquarter':
      return `date_trunc('quarter', ${f})`;
    case 'yearmonth':
      return `date_trunc('month', ${f})`;
    case 'yearmonthdate':
      return `date_trunc('day', ${f})`;
    case 'quarter':
      return `make_date(2012, (quarter(${f}) - 1) * 3 + 1, 1)`;
    case 'month':
      return `make_date(2012, month(${f}), 1)`;
    case 'date':
      return `make_date(2012, 1, day(${f}))`;
    case 'day':
      // 2006-01-01 is a Sunday, DuckDB's dayofweek 0.
      return `make_date(2006, 1, 1 + dayofweek(${f}))`;
    case 'hours':
      return `make_timestamp(2012, 1, 1, hour(${f}), 0, 0)`;
  }
}

/** A bin's lower edge for `f`: the value's bin, the last bin holding the top of the extent (as Vega's bin transform). */
export function binStartSql(f: string, bins: { start: number; stop: number; step: number }): string {
  const { start, stop, step } = bins;
  return `least(${start} + floor((CAST(${f} AS DOUBLE) - ${start}) / ${step} + 1e-12) * ${step}, ${stop - step})`;
}

/** The value a dimension channel shows (before binning), as its SQL; categories as text. */
export function dimensionValueSql(def: ChannelDef, column: ColumnInfo): string {
  const f = quoteIdent(column.name);
  const kind = columnKind(column.type);
  if (kind === 'time') {
    if (def.timeUnit) return epochMs(timeUnitSql(def.timeUnit, f));
    return def.type === 'nominal' ? `CAST(${f} AS VARCHAR)` : epochMs(f);
  }
  if (kind === 'number') return def.type === 'nominal' ? `CAST(${f} AS VARCHAR)` : `CAST(${f} AS DOUBLE)`;
  return `CAST(${f} AS VARCHAR)`;
}
