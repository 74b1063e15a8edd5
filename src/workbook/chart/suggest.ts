import type { ColumnInfo } from '../../sql';
import { columnKind } from './fields';
import type { ChartSpec, TimeUnit } from './types';

/**
 * A sensible first chart from a source's column types, as a person would sketch it: a measure
 * over time as a line, a measure by category as bars, one number as a histogram, one category
 * as counted bars.
 */
export function suggestChart(columns: readonly ColumnInfo[], timeSpanDays?: number): ChartSpec {
  const first = (kind: ReturnType<typeof columnKind>) => columns.find((c) => columnKind(c.type) === kind && !/^(id|index|row_?id)$/i.test(c.name));
  const time = first('time');
  const number = first('number');
  const category = first('category');
  if (time && number) {
    return { mark: 'line', encoding: { x: { field: time.name, type: 'temporal', timeUnit: timeUnitFor(timeSpanDays) }, y: { field: number.name, type: 'quantitative', aggregate: 'mean' } } };
  }
  if (category && number) {
    return { mark: 'bar', encoding: { x: { field: category.name, type: 'nominal', sort: '-y' }, y: { field: number.name, type: 'quantitative', aggregate: 'mean' } } };
  }
  if (number) return { mark: 'bar', encoding: { x: { field: number.name, type: 'quantitative', bin: true }, y: { aggregate: 'count', type: 'quantitative' } } };
  if (time) return { mark: 'bar', encoding: { x: { field: time.name, type: 'temporal', timeUnit: timeUnitFor(timeSpanDays) }, y: { aggregate: 'count', type: 'quantitative' } } };
  if (category) return { mark: 'bar', encoding: { x: { field: category.name, type: 'nominal', sort: '-y' }, y: { aggregate: 'count', type: 'quantitative' } } };
  return { mark: 'bar', encoding: {} };
}

/** The first time column a suggestion would use, so its span can be asked of DuckDB first. */
export function suggestedTimeColumn(columns: readonly ColumnInfo[]): ColumnInfo | undefined {
  return columns.find((c) => columnKind(c.type) === 'time');
}

/** Days over two years read best by month; shorter spans by day (a few hundred points at most). */
function timeUnitFor(spanDays: number | undefined): TimeUnit {
  if (spanDays === undefined) return 'yearmonth';
  return spanDays > 730 ? 'yearmonth' : 'yearmonthdate';
}
