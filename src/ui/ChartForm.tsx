import type { ColumnInfo } from '../engine';
import {
  CHART_AGGREGATES,
  columnKind,
  DEFAULT_TOP,
  defaultFieldType,
  markType,
  TIME_UNITS,
  type Channel,
  type ChannelDef,
  type ChartBlock,
  type ChartMark,
  type ChartSpec,
} from '../workbook';

const MARKS: { value: ChartMark; label: string }[] = [
  { value: 'bar', label: 'Bar' },
  { value: 'line', label: 'Line' },
  { value: 'area', label: 'Area' },
  { value: 'point', label: 'Point' },
  { value: 'rect', label: 'Heatmap' },
  { value: 'arc', label: 'Arc (pie)' },
  { value: 'boxplot', label: 'Box plot' },
  { value: 'tick', label: 'Tick' },
];

const UNIT_LABEL: Record<(typeof TIME_UNITS)[number], string> = {
  year: 'year',
  yearquarter: 'year + quarter',
  yearmonth: 'year + month',
  yearmonthdate: 'day',
  quarter: 'quarter of year',
  month: 'month of year',
  date: 'day of month',
  day: 'day of week',
  hours: 'hour of day',
};

/** A category x with a measure on y: the form offers its top N and a sort by value. */
function categoryAxis(spec: ChartSpec): boolean {
  const { x, y } = spec.encoding;
  return !!x?.field && !x.aggregate && !x.bin && !x.timeUnit && (x.type === 'nominal' || x.type === 'ordinal') && !!y?.aggregate;
}

function withSort(def: ChannelDef | undefined, sort: string): ChannelDef {
  const { sort: _old, ...rest } = def ?? {};
  return sort ? { ...rest, sort } : rest;
}

/** The channels offered for a mark: pies have theta, everything else x and y. */
function channelsFor(mark: ChartMark): Channel[] {
  return mark === 'arc' ? ['theta', 'color', 'row', 'column'] : ['x', 'y', 'color', 'size', 'row', 'column'];
}

/** A channel's function as one choice: an aggregate, `bin`, a time unit, or '' (the value as it is). */
function functionOf(def: ChannelDef | undefined): string {
  if (!def) return '';
  if (def.aggregate) return def.aggregate;
  if (def.bin) return 'bin';
  if (def.timeUnit) return def.timeUnit;
  return '';
}

function functionsFor(column: ColumnInfo | undefined): { value: string; label: string }[] {
  const kind = column ? columnKind(column.type) : undefined;
  const none = { value: '', label: column ? 'value' : '—' };
  if (!column) return [none, { value: 'count', label: 'count of rows' }];
  const aggregates = CHART_AGGREGATES.filter((a) => (kind === 'number' ? true : kind === 'time' ? !['sum', 'mean', 'median'].includes(a) : a === 'count' || a === 'distinct'));
  return [
    none,
    ...(kind === 'number' ? [{ value: 'bin', label: 'bin' }] : []),
    ...(kind === 'time' ? TIME_UNITS.map((u) => ({ value: u, label: UNIT_LABEL[u] })) : []),
    ...aggregates.map((a) => ({ value: a, label: a === 'distinct' ? 'count distinct' : a })),
  ];
}

/** A channel with `field` and function `fn` chosen, keeping what else the person set on it. */
function channelWith(old: ChannelDef | undefined, column: ColumnInfo | undefined, fn: string): ChannelDef | undefined {
  const { field: _f, type: _t, aggregate: _a, bin: _b, timeUnit: _u, ...kept } = old ?? {};
  if (!column && fn !== 'count') return undefined;
  const def: ChannelDef = { ...kept, ...(column ? { field: column.name, type: defaultFieldType(column.type) } : {}) };
  if ((CHART_AGGREGATES as readonly string[]).includes(fn)) {
    def.aggregate = fn as ChannelDef['aggregate'];
    def.type = 'quantitative';
  } else if (fn === 'bin') def.bin = true;
  else if ((TIME_UNITS as readonly string[]).includes(fn)) {
    def.timeUnit = fn as ChannelDef['timeUnit'];
    // Units without the year read as categories (Jan … Dec), as Vega-Lite draws them best.
    if (['quarter', 'month', 'date', 'day', 'hours'].includes(fn)) def.type = 'ordinal';
  }
  return def;
}

interface ChartFormProps {
  block: ChartBlock;
  columns: ColumnInfo[];
  onSpec(spec: ChartSpec): void;
  onSelect(select: ChartBlock['select']): void;
}

/** The chart as a form: a mark, a field and a function per channel, and how it selects. */
export function ChartForm({ block, columns, onSpec, onSelect }: ChartFormProps) {
  const spec = block.spec;
  const mark = markType(spec.mark);
  const setChannel = (channel: Channel, def: ChannelDef | undefined) => {
    const encoding = { ...spec.encoding };
    if (def) encoding[channel] = def;
    else delete encoding[channel];
    onSpec({ ...spec, encoding });
  };
  const setMark = (next: ChartMark) => {
    const encoding = { ...spec.encoding };
    // Pies measure on theta; the other marks on x and y.
    if (next === 'arc' && !encoding.theta) {
      encoding.theta = encoding.y ?? { aggregate: 'count', type: 'quantitative' };
      if (!encoding.color && encoding.x) encoding.color = encoding.x;
      delete encoding.x;
      delete encoding.y;
    } else if (next !== 'arc' && encoding.theta) {
      encoding.y = encoding.theta;
      delete encoding.theta;
    }
    onSpec({ ...spec, mark: typeof spec.mark === 'string' ? next : { ...spec.mark, type: next }, encoding });
  };
  return (
    <div className="chart-form" data-testid="chart-form">
      <label className="chart-control">
        <span>Mark</span>
        <select data-testid="chart-mark" value={mark} onChange={(e) => setMark(e.target.value as ChartMark)}>
          {MARKS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {channelsFor(mark).map((channel) => {
        const def = spec.encoding[channel];
        const column = columns.find((c) => c.name === def?.field);
        const fn = functionOf(def);
        return (
          <span key={channel} className="chart-control chart-channel" data-testid={`chart-channel-${channel}`}>
            <span>{channel === 'row' || channel === 'column' ? `facet ${channel}` : channel}</span>
            <select
              data-testid={`chart-field-${channel}`}
              aria-label={`${channel} field`}
              value={def?.field ?? ''}
              onChange={(e) => {
                const next = columns.find((c) => c.name === e.target.value);
                const keep = functionsFor(next).some((f) => f.value === fn) ? fn : '';
                setChannel(channel, channelWith(def, next, keep));
              }}
            >
              <option value="">—</option>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            <select data-testid={`chart-fn-${channel}`} aria-label={`${channel} function`} value={fn} onChange={(e) => setChannel(channel, channelWith(def, column, e.target.value))}>
              {functionsFor(column).map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </span>
        );
      })}
      {categoryAxis(spec) && (
        <>
          <label className="chart-control">
            <span>Show</span>
            <select data-testid="chart-top" value={String(spec.encoding.x?.top ?? DEFAULT_TOP)} onChange={(e) => setChannel('x', { ...spec.encoding.x, top: Number(e.target.value) })}>
              {[10, 20, 30, 50, 100].map((n) => (
                <option key={n} value={n}>
                  top {n}
                </option>
              ))}
              <option value="0">all</option>
            </select>
          </label>
          <label className="chart-control">
            <span>Sort</span>
            <select data-testid="chart-sort" value={typeof spec.encoding.x?.sort === 'string' ? spec.encoding.x.sort : ''} onChange={(e) => setChannel('x', withSort(spec.encoding.x, e.target.value))}>
              <option value="">by name</option>
              <option value="-y">largest first</option>
              <option value="y">smallest first</option>
            </select>
          </label>
        </>
      )}
      <label className="chart-control">
        <span>Select</span>
        <select data-testid="chart-select-mode" value={block.select ?? 'auto'} onChange={(e) => onSelect(e.target.value === 'auto' ? undefined : (e.target.value as ChartBlock['select']))}>
          <option value="auto">auto</option>
          <option value="interval">brush x</option>
          <option value="point">click</option>
          <option value="none">off</option>
        </select>
      </label>
    </div>
  );
}
