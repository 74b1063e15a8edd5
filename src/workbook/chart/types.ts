// A chart as the document keeps it: a Vega-Lite unit spec whose data is a block of the workbook.
// Aggregates, bins and time units on its channels are computed by DuckDB, never in the page.

export const CHART_MARKS = ['bar', 'line', 'area', 'point', 'rect', 'arc', 'boxplot', 'tick'] as const;
/** `rect` is a heatmap; `arc` a pie or donut. */
export type ChartMark = (typeof CHART_MARKS)[number];

export const CHART_CHANNELS = ['x', 'y', 'color', 'size', 'opacity', 'theta', 'row', 'column'] as const;
export type Channel = (typeof CHART_CHANNELS)[number];

export const CHART_AGGREGATES = ['count', 'sum', 'mean', 'median', 'min', 'max', 'distinct'] as const;
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];

/** `day` is the day of the week, `date` the day of the month, as in Vega-Lite. */
export const TIME_UNITS = ['year', 'yearquarter', 'yearmonth', 'yearmonthdate', 'quarter', 'month', 'date', 'day', 'hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const FIELD_TYPES = ['quantitative', 'temporal', 'nominal', 'ordinal'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One encoding channel. Other Vega-Lite properties (scale, axis, legend, sort, stack …) pass through. */
export interface ChannelDef {
  field?: string;
  type?: FieldType;
  aggregate?: ChartAggregate;
  timeUnit?: TimeUnit;
  bin?: boolean | { maxbins?: number };
  title?: string;
  /** Cellar's own: on a category axis, how many categories to draw, ranked by the measure (0: all). */
  top?: number;
  [property: string]: unknown;
}

export type MarkDef = ChartMark | ({ type: ChartMark } & Record<string, unknown>);

/** The document's chart: a Vega-Lite unit spec without data (its data is the chart's source block). */
export interface ChartSpec {
  mark: MarkDef;
  encoding: Partial<Record<Channel, ChannelDef>>;
  title?: string;
  [property: string]: unknown;
}

/** How brushing or clicking the chart selects rows of its source. */
export type SelectMode = 'interval' | 'point';

/** A scalar a point selection holds: a category, a number, or a time (ms since the epoch, UTC). */
export type SelectedValue = string | number | boolean | null;

/**
 * What is selected now: an x range brushed (numbers, or ms for time), or the values of one
 * channel clicked. The chart's own table is its source's rows inside it.
 */
export type ChartSelection = { type: 'interval'; channel: 'x'; range: [number, number] } | { type: 'point'; channel: Channel; values: SelectedValue[] };

export function markType(mark: MarkDef): ChartMark {
  return typeof mark === 'string' ? mark : mark.type;
}
