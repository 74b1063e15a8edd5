import type { ColumnInfo } from '../../engine';
import { columnKind } from './fields';
import type { ChartSpec } from './types';

/**
 * A sensible first chart from a source's column types, as a person would sketch it: a measure
 * over time as a line, a measure by category as bars, one number as a histogram, one category
 * as counted bars.
 */
export function suggestChart(columns: readonly ColumnInfo[]): ChartSpec {
  const first = (kind: ReturnType<typeof columnKind>) => columns.find((c) => columnKind(c.type) === kind && !/^(id|index|row_?id)$/i.test(c.name));
  const time = first('time');
  const number = first('number');
  const category = first('category');
  if (time && number) {
    return { mark: 'line', encoding: { x: { field: time.name, type: 'temporal', timeUnit: 'yearmonthdate' }, y: { field: number.name, type: 'quantitative', aggregate: 'mean' } } };
  }
  if (category && number) {
    return { mark: 'bar', encoding: { x: { field: category.name, type: 'nominal', sort: '-y' }, y: { field: number.name, type: 'quantitative', aggregate: 'mean' } } };
  }
  if (number) return { mark: 'bar', encoding: { x: { field: number.name, type: 'quantitative', bin: true }, y: { aggregate: 'count', type: 'quantitative' } } };
  if (time) return { mark: 'bar', encoding: { x: { field: time.name, type: 'temporal', timeUnit: 'yearmonth' }, y: { aggregate: 'count', type: 'quantitative' } } };
  if (category) return { mark: 'bar', encoding: { x: { field: category.name, type: 'nominal', sort: '-y' }, y: { aggregate: 'count', type: 'quantitative' } } };
  return { mark: 'bar', encoding: {} };
}
