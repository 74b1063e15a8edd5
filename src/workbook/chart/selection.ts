import { quoteIdent, quoteLiteral, type ColumnInfo } from '../../sql';
import { columnKind, findColumn } from './fields';
import { dimensionValueSql } from './sql-parts';
import { markType, type Channel, type ChartSelection, type ChartSpec, type SelectedValue, type SelectMode } from './types';

// A chart's selection (a brushed x range, or clicked values) is the chart's own table: its
// source's rows inside it. This module gives the Vega-Lite param that draws and reports it, and
// the SQL filter that applies it — both from the same channel definitions.

/** The Vega-Lite parameter names Cellar listens to. */
export const BRUSH = 'brush';
export const PICK = 'pick';

/** Which selection a chart offers: a brush on a continuous x, a click on categories, none for box plots. */
export function selectModeFor(spec: ChartSpec): SelectMode | undefined {
  const mark = markType(spec.mark);
  if (mark === 'boxplot') return undefined;
  if (pointChannel(spec) === undefined) return intervalFits(spec) ? 'interval' : undefined;
  return intervalFits(spec) && mark !== 'arc' && mark !== 'rect' ? 'interval' : 'point';
}

/** A brush needs x to be a dimension on a continuous scale (numbers, times, bins). */
function intervalFits(spec: ChartSpec): boolean {
  const x = spec.encoding.x;
  if (!x?.field || x.aggregate) return false;
  if (x.bin) return true;
  return x.type === 'quantitative' || x.type === 'temporal' || (x.type === undefined && !x.timeUnit);
}

/** The channel a click selects by: the first categorical dimension among x, color, y, row, column. */
export function pointChannel(spec: ChartSpec): Channel | undefined {
  const order: Channel[] = ['x', 'color', 'y', 'row', 'column'];
  return order.find((c) => {
    const def = spec.encoding[c];
    return def?.field !== undefined && !def.aggregate && !def.bin;
  });
}

/** The Vega-Lite param for a mode (with no starting value: see selectionValue). */
export function selectionParam(mode: SelectMode, spec: ChartSpec): { type: SelectMode; channel: Channel; param: Record<string, unknown> } | undefined {
  if (mode === 'interval') {
    return intervalFits(spec) ? { type: 'interval', channel: 'x', param: { name: BRUSH, select: { type: 'interval', encodings: ['x'] } } } : undefined;
  }
  const channel = pointChannel(spec);
  return channel ? { type: 'point', channel, param: { name: PICK, select: { type: 'point', fields: [channel] } } } : undefined;
}

/** A selection as the starting `value` of the chart's Vega-Lite param, when it fits the param. */
export function selectionValue(select: { type: SelectMode; channel: Channel }, selection: ChartSelection | undefined): unknown {
  if (!selection || selection.type !== select.type || selection.channel !== select.channel) return undefined;
  if (selection.type === 'interval') return { x: selection.range };
  return selection.values.length ? selection.values.map((v) => ({ [select.channel]: v })) : undefined;
}

function literal(v: SelectedValue): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? `CAST(${v} AS DOUBLE)` : undefined;
  if (typeof v === 'string') return quoteLiteral(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return undefined;
}

/**
 * The SQL condition (over the source's columns) that keeps the rows inside a selection, or
 * undefined when nothing is selected or the selection no longer fits the spec.
 */
export function selectionPredicate(spec: ChartSpec, selection: ChartSelection | undefined, columns: readonly ColumnInfo[]): string | undefined {
  if (!selection) return undefined;
  const def = spec.encoding[selection.channel];
  const column = findColumn(columns, def?.field);
  if (!def || !column || def.aggregate) return undefined;
  if (selection.type === 'interval') {
    const [a, b] = selection.range;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    const kind = columnKind(column.type);
    const value = kind === 'number' ? `CAST(${quoteIdent(column.name)} AS DOUBLE)` : kind === 'time' ? dimensionValueSql({ ...def, type: 'temporal' }, column) : undefined;
    return value && `${value} BETWEEN ${Math.min(a, b)} AND ${Math.max(a, b)}`;
  }
  if (def.bin || selection.values.length === 0) return undefined;
  const value = dimensionValueSql(def, column);
  const literals = selection.values.map(literal).filter((l): l is string => l !== undefined);
  const parts = [...(literals.length ? [`${value} IN (${literals.join(', ')})`] : []), ...(selection.values.includes(null) ? [`${value} IS NULL`] : [])];
  return parts.length ? `(${parts.join(' OR ')})` : undefined;
}

/** The chart's own table: its source's rows inside the selection (all of them when none). */
export function selectionViewSql(view: string, source: string, predicate: string | undefined): string {
  return `CREATE OR REPLACE VIEW ${quoteIdent(view)} AS SELECT * FROM ${quoteIdent(source)}${predicate ? ` WHERE ${predicate}` : ''}`;
}
