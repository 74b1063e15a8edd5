import { CHART_AGGREGATES, CHART_CHANNELS, CHART_MARKS, FIELD_TYPES, TIME_UNITS, type ChannelDef, type ChartSpec, type MarkDef } from './types';

/** A chart spec that cannot be drawn as it is, in words, with where. */
export class ChartSpecError extends Error {
  override name = 'ChartSpecError';
}

/**
 * Top-level keys a spec may have. Data comes from the chart's block (so `data` and `datasets` are
 * refused: a spec from a link cannot make the page fetch anything), and transforms, layers and
 * compositions are not computed in SQL yet.
 */
const ALLOWED_TOP = new Set(['$schema', 'mark', 'encoding', 'title', 'description', 'width', 'height', 'config', 'background', 'padding', 'autosize', 'name']);
const REFUSED: Record<string, string> = {
  data: 'data comes from the chart’s source block; remove "data"',
  datasets: 'data comes from the chart’s source block; remove "datasets"',
  transform: 'transforms are not supported: put aggregate, bin and timeUnit on the channels (they run in DuckDB)',
  layer: 'layered specs are not supported yet',
  hconcat: 'concatenated specs are not supported yet',
  vconcat: 'concatenated specs are not supported yet',
  concat: 'concatenated specs are not supported yet',
  repeat: 'repeated specs are not supported yet',
  facet: 'use the row and column channels to facet',
  params: 'selections are set with the chart’s Select option (brush or click), which SQL can read',
  spec: 'use the row and column channels to facet',
};
/** Channel properties a person may set; `field`, `type`, `aggregate`, `timeUnit` and `bin` are read by the SQL. */
const CHANNEL_PROPS = new Set(['field', 'type', 'aggregate', 'timeUnit', 'bin', 'title', 'top', 'sort', 'scale', 'axis', 'legend', 'stack', 'header', 'format', 'value']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** Reads a chart spec from JSON text or a value, checking what Cellar computes; throws ChartSpecError. */
export function readChartSpec(input: unknown): ChartSpec {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new ChartSpecError(`The spec is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isObject(json)) throw new ChartSpecError('A chart spec is a JSON object with "mark" and "encoding".');
  for (const key of Object.keys(json)) {
    if (REFUSED[key]) throw new ChartSpecError(`"${key}": ${REFUSED[key]}.`);
    if (!ALLOWED_TOP.has(key)) throw new ChartSpecError(`"${key}" is not a spec property Cellar knows (it knows ${[...ALLOWED_TOP].filter((k) => k !== '$schema').join(', ')}).`);
  }
  const mark = readMark(json.mark);
  if (json.encoding !== undefined && !isObject(json.encoding)) throw new ChartSpecError('"encoding" must be an object of channels.');
  const encoding: ChartSpec['encoding'] = {};
  for (const [channel, def] of Object.entries(json.encoding ?? {})) {
    if (!oneOf(CHART_CHANNELS, channel)) throw new ChartSpecError(`encoding.${channel}: Cellar charts the channels ${CHART_CHANNELS.join(', ')}.`);
    encoding[channel] = readChannel(def, `encoding.${channel}`);
  }
  if (json.title !== undefined && typeof json.title !== 'string') throw new ChartSpecError('"title" must be text.');
  const { $schema: _schema, ...rest } = json;
  return { ...rest, mark, encoding } as ChartSpec;
}

function readMark(v: unknown): MarkDef {
  const type = isObject(v) ? v.type : v;
  if (!oneOf(CHART_MARKS, type)) throw new ChartSpecError(`"mark" must be one of ${CHART_MARKS.join(', ')} (got ${JSON.stringify(type ?? null)}).`);
  return isObject(v) ? ({ ...v, type } as MarkDef) : type;
}

function readChannel(v: unknown, where: string): ChannelDef {
  if (!isObject(v)) throw new ChartSpecError(`${where} must be an object such as {"field": "delay", "type": "quantitative"}.`);
  for (const key of Object.keys(v)) {
    if (!CHANNEL_PROPS.has(key)) throw new ChartSpecError(`${where}.${key} is not supported (use ${[...CHANNEL_PROPS].join(', ')}).`);
  }
  if (v.field !== undefined && typeof v.field !== 'string') throw new ChartSpecError(`${where}.field must be a column name.`);
  if (v.type !== undefined && !oneOf(FIELD_TYPES, v.type)) throw new ChartSpecError(`${where}.type must be one of ${FIELD_TYPES.join(', ')}.`);
  if (v.aggregate !== undefined && !oneOf(CHART_AGGREGATES, v.aggregate)) throw new ChartSpecError(`${where}.aggregate must be one of ${CHART_AGGREGATES.join(', ')}.`);
  if (v.timeUnit !== undefined && !oneOf(TIME_UNITS, v.timeUnit)) throw new ChartSpecError(`${where}.timeUnit must be one of ${TIME_UNITS.join(', ')}.`);
  if (v.bin !== undefined && typeof v.bin !== 'boolean' && !(isObject(v.bin) && Object.keys(v.bin).every((k) => k === 'maxbins') && (v.bin.maxbins === undefined || (typeof v.bin.maxbins === 'number' && v.bin.maxbins >= 1)))) {
    throw new ChartSpecError(`${where}.bin must be true, false or {"maxbins": n}.`);
  }
  if (v.top !== undefined && !(typeof v.top === 'number' && Number.isInteger(v.top) && v.top >= 0)) throw new ChartSpecError(`${where}.top must be a whole number of categories (0 for all).`);
  if (v.field === undefined && v.aggregate !== 'count' && v.value === undefined) throw new ChartSpecError(`${where} needs a field (or "aggregate": "count").`);
  return v as ChannelDef;
}
