import { bin } from 'vega-statistics';
import { quoteIdent, type ColumnInfo } from '../../sql';
import { columnKind, defaultFieldType, findColumn } from './fields';
import { PICK, selectionParam } from './selection';
import { ChartSpecError } from './spec';
import { binStartSql, dimensionValueSql, epochMs } from './sql-parts';
import { markType, type Channel, type ChannelDef, type ChartAggregate, type ChartSpec, type FieldType, type SelectMode, type TimeUnit } from './types';

/** A chart of raw points samples its source down to this many rows; a grouped chart shows at most this many groups. */
export const MAX_POINTS = 50_000;

/** Categories drawn on a nominal axis when the spec says nothing (`top`): more are unreadable. */
export const DEFAULT_TOP = 30;

/**
 * A category axis kept to its top N categories by the measure on the other axis: `channel` is the
 * category axis, `measure` the axis ranked by, `title` the measure's title. Set on the plan and as
 * the Vega-Lite spec's `usermeta.top`, so the chart can say how many it left out.
 */
export interface TopCategories {
  channel: Channel;
  measure: Channel;
  n: number;
  title: string;
}

/** The relation a chart reads: a block's table, with its columns. */
export interface ChartSource {
  name: string;
  columns: readonly ColumnInfo[];
}

/** What the first query learns: the rows, and the extent of each binned channel. */
export interface ChartStats {
  rows: number;
  extents: Partial<Record<Channel, [number, number] | null>>;
}

/** The chart as DuckDB computes it and Vega-Lite draws it. */
export interface ChartPlan {
  /** The query whose rows are the chart's data (already aggregated, binned or sampled). */
  sql: string;
  /** The Vega-Lite spec that draws those rows from the dataset named `rows`. */
  vegaLite: Record<string, unknown>;
  /** Whether the query groups rows (one mark per group) or samples them (one mark per row). */
  aggregated: boolean;
  /** Set when the chart shows a sample of its source's rows. */
  sampledFrom?: number;
  /** The selection the chart offers (Vega-Lite param `brush` or `pick`), and on which channel. */
  select?: { type: SelectMode; channel: Channel };
  /** Set when a category axis shows its top N categories only (drawn by Vega-Lite from every group). */
  top?: TopCategories;
}

interface Dimension {
  channel: Channel;
  def: ChannelDef;
  column: ColumnInfo;
  type: FieldType;
  bins?: { start: number; stop: number; step: number };
}

interface Measure {
  channel: Channel;
  def: ChannelDef;
  aggregate: ChartAggregate;
  column?: ColumnInfo;
  type: FieldType;
}

interface Resolved {
  dimensions: Dimension[];
  measures: Measure[];
  /** Channels with a constant value (`{"value": "red"}`), passed to Vega-Lite as they are. */
  constants: Partial<Record<Channel, ChannelDef>>;
}

/** Vega-Lite's default number of bins on x and y; fewer on the other channels, as it does. */
const maxBins = (channel: Channel, def: ChannelDef) => (typeof def.bin === 'object' && def.bin.maxbins) || (channel === 'x' || channel === 'y' ? 10 : 6);

const isBinned = (def: ChannelDef) => def.bin === true || typeof def.bin === 'object';

/** The first query: the rows, and min/max of each binned channel's column, in one pass. */
export function chartStatsSql(spec: ChartSpec, source: ChartSource): string {
  const parts = ['count(*) AS "rows"'];
  for (const [channel, def] of channels(spec)) {
    const column = findColumn(source.columns, def.field);
    // Only numbers bin; anything else is refused, in words, when the chart compiles.
    if (!isBinned(def) || def.aggregate || !column || columnKind(column.type) !== 'number') continue;
    const f = `CAST(${quoteIdent(column.name)} AS DOUBLE)`;
    parts.push(`min(${f}) AS ${quoteIdent(`min_${channel}`)}`, `max(${f}) AS ${quoteIdent(`max_${channel}`)}`);
  }
  return `SELECT ${parts.join(', ')} FROM ${quoteIdent(source.name)}`;
}

/** ChartStats from the first query's one row. */
export function readChartStats(row: Record<string, unknown>): ChartStats {
  const extents: ChartStats['extents'] = {};
  for (const [key, value] of Object.entries(row)) {
    const m = /^min_(\w+)$/.exec(key);
    if (!m) continue;
    const lo = value as number | null;
    const hi = row[`max_${m[1]}`] as number | null;
    extents[m[1] as Channel] = lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi) ? null : [Number(lo), Number(hi)];
  }
  return { rows: Number(row.rows ?? 0), extents };
}

/**
 * A chart spec over a source as SQL and the Vega-Lite spec that draws its result. Aggregates,
 * bins and time units run in DuckDB; a chart of raw points samples to MAX_POINTS rows.
 */
export function compileChart(spec: ChartSpec, source: ChartSource, stats: ChartStats, options: { select?: SelectMode } = {}): ChartPlan {
  const resolved = resolve(spec, source, stats);
  const from = quoteIdent(source.name);
  if (markType(spec.mark) === 'boxplot') return boxplot(spec, resolved, from);
  const aggregated = resolved.measures.length > 0;
  const dims = resolved.dimensions.map((d) => `${d.bins ? binStartSql(quoteIdent(d.column.name), d.bins) : dimensionValueSql(d.def, d.column)} AS ${quoteIdent(d.channel)}`);
  const measures = resolved.measures.map((m) => `${measureSql(m)} AS ${quoteIdent(m.channel)}`);
  // A bin's upper edge is its lower edge plus the step: added after grouping, so each row is binned once.
  const binEnds = resolved.dimensions.filter((d) => d.bins).map((d) => `${quoteIdent(d.channel)} + ${d.bins!.step} AS ${quoteIdent(`${d.channel}2`)}`);
  const withEnds = (inner: string) => (binEnds.length ? `SELECT *, ${binEnds.join(', ')} FROM (${inner}) AS _binned` : inner);

  let sql: string;
  let sampledFrom: number | undefined;
  if (aggregated) {
    const positions = dims.map((_, i) => i + 1).join(', ');
    // One more than is drawn, so the runner can tell a chart that was cut off.
    const grouped = `SELECT ${[...dims, ...measures].join(', ')} FROM ${from}${dims.length ? ` GROUP BY ${positions}` : ''}`;
    sql = dims.length ? `${withEnds(grouped)} ORDER BY ${positions} LIMIT ${MAX_POINTS + 1}` : grouped;
  } else {
    const sample = stats.rows > MAX_POINTS ? ` USING SAMPLE reservoir(${MAX_POINTS} ROWS) REPEATABLE (7)` : '';
    if (sample) sampledFrom = stats.rows;
    sql = withEnds(`SELECT ${dims.length ? dims.join(', ') : '1 AS one'} FROM ${from}${sample}`);
  }

  const encoding: Record<string, unknown> = { ...resolved.constants };
  for (const d of resolved.dimensions) {
    encoding[d.channel] = dimensionEncoding(d);
    if (d.bins) encoding[`${d.channel}2`] = { field: `${d.channel}2` };
  }
  for (const m of resolved.measures) encoding[m.channel] = measureEncoding(m);
  const selection = options.select ? selectionParam(options.select, spec) : undefined;
  if (selection?.type === 'point' && !encoding.opacity) {
    encoding.opacity = { condition: { param: PICK, value: 1, empty: true }, value: 0.3 };
  }
  const top = topCategories(resolved, encoding);
  const rest = passthrough(spec);
  return {
    sql,
    aggregated,
    sampledFrom,
    ...(selection ? { select: { type: selection.type, channel: selection.channel } } : {}),
    ...(top ? { top } : {}),
    vegaLite: {
      ...rest,
      data: { name: 'rows' },
      ...(top ? { transform: [...topTransform(top), ...((rest.transform as unknown[] | undefined) ?? [])], usermeta: { ...(rest.usermeta as object | undefined), top } } : {}),
      mark: withTooltip(spec.mark),
      encoding,
      ...(selection ? { params: [selection.param] } : {}),
    },
  };
}

/**
 * The category axis to keep to its top N, when there is one: a nominal or ordinal field on x or y
 * (not binned, no time unit) with a measure on the other axis. `top: 0` in the spec keeps them all.
 */
function topCategories(r: Resolved, encoding: Record<string, unknown>): TopCategories | undefined {
  for (const [axis, other] of [['x', 'y'], ['y', 'x']] as const) {
    const d = r.dimensions.find((x) => x.channel === axis);
    const m = r.measures.find((x) => x.channel === other);
    if (!d || !m || d.bins || d.def.timeUnit || (d.type !== 'nominal' && d.type !== 'ordinal')) continue;
    const asked = d.def.top;
    const n = typeof asked === 'number' && Number.isInteger(asked) && asked >= 0 ? asked : DEFAULT_TOP;
    if (n === 0) return undefined;
    return { channel: axis, measure: other, n, title: String((encoding[other] as { title?: unknown }).title ?? other) };
  }
  return undefined;
}

/**
 * Vega-Lite steps keeping the top N categories by their total of the measure (over every group:
 * a stacked colour adds up). Ranked with dense_rank, so ties stay together.
 */
function topTransform(top: TopCategories): unknown[] {
  return [
    { joinaggregate: [{ op: 'sum', field: top.measure, as: '_cellar_total' }], groupby: [top.channel] },
    { window: [{ op: 'dense_rank', as: '_cellar_rank' }], sort: [{ field: '_cellar_total', order: 'descending' }] },
    { filter: { field: '_cellar_rank', lte: top.n } },
  ];
}

/** Each channel of the spec that has a definition. */
function channels(spec: ChartSpec): [Channel, ChannelDef][] {
  return Object.entries(spec.encoding).filter((e): e is [Channel, ChannelDef] => e[1] !== undefined);
}

function resolve(spec: ChartSpec, source: ChartSource, stats: ChartStats): Resolved {
  const out: Resolved = { dimensions: [], measures: [], constants: {} };
  for (const [channel, def] of channels(spec)) {
    const where = `encoding.${channel}`;
    if (def.field === undefined && def.aggregate !== 'count') {
      out.constants[channel] = def;
      continue;
    }
    const column = def.field === undefined ? undefined : findColumn(source.columns, def.field);
    if (def.field !== undefined && !column) {
      throw new ChartSpecError(`${where}.field: ${source.name} has no column "${def.field}" (it has ${source.columns.map((c) => c.name).join(', ')}).`);
    }
    if (def.aggregate) {
      const kind = column ? columnKind(column.type) : 'number';
      if (['sum', 'mean', 'median'].includes(def.aggregate) && kind !== 'number') {
        throw new ChartSpecError(`${where}: ${def.aggregate} needs numbers, and ${column!.name} is ${column!.type}.`);
      }
      if ((def.aggregate === 'min' || def.aggregate === 'max') && kind === 'category') {
        throw new ChartSpecError(`${where}: ${def.aggregate} needs numbers or times, and ${column!.name} is ${column!.type}.`);
      }
      const type: FieldType = (def.aggregate === 'min' || def.aggregate === 'max') && kind === 'time' ? 'temporal' : 'quantitative';
      out.measures.push({ channel, def, aggregate: def.aggregate, column, type });
      continue;
    }
    const c = column!;
    const kind = columnKind(c.type);
    if (def.timeUnit && kind !== 'time') throw new ChartSpecError(`${where}: a time unit needs a date or time column, and ${c.name} is ${c.type}.`);
    if (isBinned(def)) {
      if (kind !== 'number') throw new ChartSpecError(`${where}: binning needs numbers, and ${c.name} is ${c.type}.`);
      const extent = stats.extents[channel];
      // A column with no values has no bins; its points are all null, so nothing is drawn.
      const bins = extent ? bin({ extent, maxbins: maxBins(channel, def) }) : { start: 0, stop: 1, step: 1 };
      out.dimensions.push({ channel, def, column: c, type: 'quantitative', bins });
      continue;
    }
    const type = def.type ?? (def.timeUnit ? (['quarter', 'month', 'date', 'day', 'hours'].includes(def.timeUnit) ? 'ordinal' : 'temporal') : defaultFieldType(c.type));
    out.dimensions.push({ channel, def, column: c, type });
  }
  const boxplot = markType(spec.mark) === 'boxplot';
  if (!boxplot && out.dimensions.length === 0 && out.measures.length === 0) throw new ChartSpecError('Pick a field for x or y.');
  return out;
}

function measureSql(m: Measure): string {
  if (m.aggregate === 'count') return 'CAST(count(*) AS DOUBLE)';
  const f = quoteIdent(m.column!.name);
  const n = `CAST(${f} AS DOUBLE)`;
  switch (m.aggregate) {
    case 'sum':
      return `sum(${n})`;
    case 'mean':
      return `avg(${n})`;
    case 'median':
      return `median(${n})`;
    case 'min':
    case 'max':
      return m.type === 'temporal' ? epochMs(`${m.aggregate}(${f})`) : `${m.aggregate}(${n})`;
    case 'distinct':
      return `CAST(count(DISTINCT ${f}) AS DOUBLE)`;
  }
}

const AGGREGATE_TITLE: Record<ChartAggregate, string> = { count: 'Count', sum: 'Sum', mean: 'Mean', median: 'Median', min: 'Min', max: 'Max', distinct: 'Distinct' };
const UNIT_TITLE: Record<TimeUnit, string> = {
  year: 'year',
  yearquarter: 'year-quarter',
  yearmonth: 'year-month',
  yearmonthdate: 'year-month-date',
  quarter: 'quarter',
  month: 'month',
  date: 'date',
  day: 'day',
  hours: 'hours',
};

/** Channel properties that are about drawing, passed on to Vega-Lite. */
function drawing(def: ChannelDef): Record<string, unknown> {
  const { field: _f, type: _t, aggregate: _a, timeUnit: _u, bin: _b, title: _title, top: _top, ...rest } = def;
  return rest;
}

function dimensionEncoding(d: Dimension): Record<string, unknown> {
  const title = d.def.title ?? (d.bins ? `${d.column.name} (binned)` : d.def.timeUnit ? `${d.column.name} (${UNIT_TITLE[d.def.timeUnit]})` : d.column.name);
  const out: Record<string, unknown> = { ...drawing(d.def), field: d.channel, type: d.type, title };
  if (d.bins) out.bin = { binned: true, step: d.bins.step };
  // Times are UTC milliseconds: DuckDB's TIMESTAMP has no zone, and a person's zone must not shift it.
  if (d.def.timeUnit) out.timeUnit = `utc${d.def.timeUnit}`;
  else if (d.type === 'temporal' && !d.def.scale) out.scale = { type: 'utc' };
  return out;
}

function measureEncoding(m: Measure): Record<string, unknown> {
  const title = m.def.title ?? (m.aggregate === 'count' ? 'Count of Records' : `${AGGREGATE_TITLE[m.aggregate]} of ${m.column!.name}`);
  const out: Record<string, unknown> = { ...drawing(m.def), field: m.channel, type: m.type, title };
  if (m.type === 'temporal' && !m.def.scale) out.scale = { type: 'utc' };
  return out;
}

/** Top-level spec properties about drawing (title, size, config …). */
function passthrough(spec: ChartSpec): Record<string, unknown> {
  const { mark: _m, encoding: _e, ...rest } = spec;
  return rest;
}

function withTooltip(mark: ChartSpec['mark']): Record<string, unknown> {
  return typeof mark === 'string' ? { type: mark, tooltip: true } : { tooltip: true, ...mark };
}

/**
 * A box plot from five numbers per group, computed in SQL (min, quartiles, median, max: the
 * whiskers span the data, Vega-Lite's `extent: "min-max"`), drawn as rule + bar + tick.
 */
function boxplot(spec: ChartSpec, r: Resolved, from: string): ChartPlan {
  const value = r.dimensions.find((d) => (d.channel === 'x' || d.channel === 'y') && d.type === 'quantitative' && !d.bins);
  if (!value) throw new ChartSpecError('A box plot needs a number column on x or y, without an aggregate.');
  if (r.measures.length) throw new ChartSpecError('A box plot computes its own statistics: remove the aggregate.');
  const groups = r.dimensions.filter((d) => d !== value);
  const v = `CAST(${quoteIdent(value.column.name)} AS DOUBLE)`;
  const select = [
    ...groups.map((d) => `${dimensionValueSql(d.def, d.column)} AS ${quoteIdent(d.channel)}`),
    `min(${v}) AS "lower"`,
    `quantile_cont(${v}, 0.25) AS "q1"`,
    `median(${v}) AS "mid"`,
    `quantile_cont(${v}, 0.75) AS "q3"`,
    `max(${v}) AS "upper"`,
    `CAST(count(${v}) AS DOUBLE) AS "n"`,
  ];
  const positions = groups.map((_, i) => i + 1).join(', ');
  const by = groups.length ? ` GROUP BY ${positions} ORDER BY ${positions} LIMIT ${MAX_POINTS + 1}` : '';
  const sql = `SELECT ${select.join(', ')} FROM ${from} WHERE ${v} IS NOT NULL${by}`;
  const axis = value.channel;
  const title = value.def.title ?? value.column.name;
  const shared: Record<string, unknown> = { ...r.constants };
  for (const d of groups) shared[d.channel] = dimensionEncoding(d);
  const at = (field: string, extra: Record<string, unknown> = {}) => ({ [axis]: { field, type: 'quantitative', title, ...drawing(value.def), ...extra } });
  const tooltip = ['upper', 'q3', 'mid', 'q1', 'lower', 'n'].map((field) => ({ field, type: 'quantitative' }));
  const mark = typeof spec.mark === 'string' ? {} : (({ type: _t, ...rest }) => rest)(spec.mark);
  return {
    sql,
    aggregated: true,
    vegaLite: {
      ...passthrough(spec),
      data: { name: 'rows' },
      encoding: shared,
      layer: [
        { mark: { type: 'rule' }, encoding: { ...at('lower'), [`${axis}2`]: { field: 'upper' }, tooltip } },
        { mark: { type: 'bar', size: 14, ...mark }, encoding: { ...at('q1'), [`${axis}2`]: { field: 'q3' }, tooltip } },
        { mark: { type: 'tick', color: 'white', size: 14 }, encoding: { ...at('mid'), tooltip } },
      ],
    },
  };
}
