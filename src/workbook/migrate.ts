import { CHART_CHANNELS, readChartSpec, type Channel, type ChartSelection, type ChartSpec, type SelectedValue } from './chart';
import { readCellStyle, type CellStyle } from './cell-style';
import { DOCUMENT_VERSION, type Block, type ChartBlock, type CellControl, type FormulaColumn, type PivotAggregate, type PivotValue, type SheetBlock, type SheetDataRef, type WorkbookDocument } from './document';

/** A document that cannot be read: from a newer Cellar, damaged, or not a workbook at all. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

import { readSheetDataOps } from './sheet-data-ops';
import type { ColumnFilter, FilterCondition, GridView, SortSpec } from './table-view';

type Json = Record<string, unknown>;

/**
 * One step per version: `MIGRATIONS[n]` turns a version-n document into version n+1.
 * Steps work on plain JSON and never mutate their input; validation runs once, at the end.
 */
const MIGRATIONS: Record<number, (doc: Json) => Json> = {
  // v1 (issue 2) had table and SQL blocks only; v2 adds cells and `collapsed`, both optional,
  // so a v1 document is a valid v2 one once its version says so.
  1: (doc) => ({ ...doc, version: 2 }),
  // v3 (issue 4) adds formula columns, formula cells (a value cell whose text starts with =),
  // sheet and pivot blocks: all new, so a v2 document is a v3 one as it is.
  2: (doc) => ({ ...doc, version: 3 }),
  // v4 (issues 5 and 7) adds chart blocks and where a SQL block runs (runOn, left out = auto):
  // both new, so a v3 document is a v4 one as it is.
  3: (doc) => ({ ...doc, version: 4 }),
};

/** Reads a document of any version this Cellar knows, from JSON text or a parsed value. */
export function readDocument(input: string | unknown): WorkbookDocument {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      throw new DocumentError('This is not a Cellar workbook: it is not valid JSON.');
    }
  }
  if (!isObject(json) || !('version' in json) || !Array.isArray(json.blocks)) {
    throw new DocumentError('This is not a Cellar workbook: it has no version or blocks.');
  }
  let doc: Json = json;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DocumentError(`This workbook has an invalid version (${JSON.stringify(version)}).`);
  }
  if (version > DOCUMENT_VERSION) {
    throw new DocumentError(
      `This workbook was made by a newer Cellar (document version ${version}); this one reads up to version ${DOCUMENT_VERSION}. Update Cellar to open it.`,
    );
  }
  for (let v = version; v < DOCUMENT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new DocumentError(`No migration from document version ${v}.`);
    doc = step(doc);
  }
  return validate(doc);
}

const NAME = /^[A-Za-z0-9_]+$/;

function validate(doc: Json): WorkbookDocument {
  const title = typeof doc.title === 'string' ? doc.title : 'Untitled workbook';
  const blocks = doc.blocks as unknown[];
  const ids = new Set<string>();
  const names = new Set<string>();
  const out: Block[] = [];
  blocks.forEach((raw, i) => {
    const where = `Block ${i + 1}`;
    if (!isObject(raw)) throw new DocumentError(`${where} is not an object.`);
    const { id, name, kind } = raw;
    if (typeof id !== 'string' || id.length === 0) throw new DocumentError(`${where} has no id.`);
    if (ids.has(id)) throw new DocumentError(`${where} repeats the id ${id}.`);
    if (typeof name !== 'string' || !NAME.test(name)) throw new DocumentError(`${where} has an invalid name ${JSON.stringify(name)}.`);
    if (names.has(name.toLowerCase())) throw new DocumentError(`${where} repeats the name ${name}.`);
    ids.add(id);
    names.add(name.toLowerCase());
    const base = { id, name, ...(raw.collapsed === true ? { collapsed: true } : {}) } as Pick<Block, 'id' | 'name' | 'collapsed'>;
    const columns = { ...formulaColumns(raw.formulaColumns, `${where} (${name})`), ...gridView(raw.grid) };
    if (kind === 'sql') {
      if (typeof raw.sql !== 'string') throw new DocumentError(`${where} (${name}) has no SQL text.`);
      const runOn = raw.runOn === 'browser' || raw.runOn === 'server' ? { runOn: raw.runOn as 'browser' | 'server' } : {};
      out.push({ ...base, kind, sql: raw.sql, ...runOn, ...columns });
    } else if (kind === 'table') {
      const source = raw.source;
      const formats = ['csv', 'tsv', 'parquet', 'json', 'arrow'];
      if (!isObject(source) || !formats.includes(source.format as string)) throw new DocumentError(`${where} (${name}) has no valid source.`);
      const format = source.format as 'csv';
      if (source.kind === 'file' && typeof source.fileName === 'string') {
        out.push({ ...base, kind, source: { kind: 'file', fileName: source.fileName, format, size: toNumber(source.size) || 0 }, ...(raw.lenient === true ? { lenient: true } : {}), ...readOptions(raw), ...columns });
      } else if (source.kind === 'url' && typeof source.url === 'string') {
        out.push({ ...base, kind, source: { kind: 'url', url: source.url, format }, ...(raw.lenient === true ? { lenient: true } : {}), ...readOptions(raw), ...columns });
      } else if (source.kind === 'server' && typeof source.table === 'string') {
        const fileName = typeof source.fileName === 'string' ? { fileName: source.fileName } : {};
        out.push({ ...base, kind, source: { kind: 'server', table: source.table, format, ...fileName }, ...columns });
      } else {
        throw new DocumentError(`${where} (${name}) has no valid source.`);
      }
    } else if (kind === 'cell') {
      const value = raw.value;
      if (!(value === null || ['string', 'number', 'boolean'].includes(typeof value))) throw new DocumentError(`${where} (${name}) has an invalid value.`);
      out.push({ ...base, kind, control: validControl(raw.control, `${where} (${name})`), value: value as string });
    } else if (kind === 'sheet') {
      out.push({ ...base, kind, cells: sheetCells(raw.cells, `${where} (${name})`, raw.data !== undefined), ...sheetFormats(raw.formats, `${where} (${name})`), ...sheetStyles(raw.styles), ...sheetExtras(raw, `${where} (${name})`), ...sheetDataRef(raw.data, `${where} (${name})`) });
    } else if (kind === 'pivot') {
      out.push({ ...base, kind, ...pivot(raw, `${where} (${name})`) });
    } else if (kind === 'chart') {
      out.push({ ...base, kind, ...chart(raw, `${where} (${name})`) });
    } else {
      throw new DocumentError(`${where} has an unknown kind ${JSON.stringify(kind)}.`);
    }
  });
  return { version: DOCUMENT_VERSION, title, blocks: out };
}

function formulaColumns(raw: unknown, where: string): { formulaColumns?: FormulaColumn[] } {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) throw new DocumentError(`${where} has invalid formula columns.`);
  const seen = new Set<string>();
  const list = raw.map((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string' || c.name.trim() === '' || typeof c.formula !== 'string') {
      throw new DocumentError(`${where}: formula column ${i + 1} needs a name and a formula.`);
    }
    if (seen.has(c.name.toLowerCase())) throw new DocumentError(`${where} has two formula columns named ${c.name}.`);
    seen.add(c.name.toLowerCase());
    return { name: c.name, formula: c.formula };
  });
  return list.length > 0 ? { formulaColumns: list } : {};
}

const ADDRESS = /^[A-Z]{1,3}[1-9][0-9]*$/;

/** A sheet's cells; '' is kept on a big sheet, where it clears a stored cell. */
function sheetCells(raw: unknown, where: string, overStored = false): Record<string, string> {
  if (!isObject(raw)) throw new DocumentError(`${where} has no cells.`);
  const cells: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!ADDRESS.test(key) || typeof value !== 'string') throw new DocumentError(`${where} has an invalid cell ${JSON.stringify(key)}.`);
    if (value !== '' || overStored) cells[key] = value;
  }
  return cells;
}

/** What an imported sheet carries beside its cells: widths, merges, where it came from, what was left out. */
function sheetExtras(raw: Json, where: string): Pick<SheetBlock, 'widths' | 'merges' | 'origin' | 'leftOut' | 'freeze'> {
  const out: Pick<SheetBlock, 'widths' | 'merges' | 'origin' | 'leftOut' | 'freeze'> = {};
  if (raw.freeze !== undefined) {
    const f = raw.freeze;
    const count = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
    if (!isObject(f) || !count(f.rows, 1_048_575) || !count(f.cols, 16_383))
      throw new DocumentError(`${where} has invalid frozen panes: expected { rows, cols } as whole numbers from 0 (at most 1048575 rows and 16383 columns).`);
    out.freeze = { rows: f.rows as number, cols: f.cols as number };
  }
  if (raw.widths !== undefined) {
    if (!isObject(raw.widths) || !Object.entries(raw.widths).every(([k, v]) => /^[A-Z]{1,3}$/.test(k) && typeof v === 'number' && v >= 0 && v <= 255)) throw new DocumentError(`${where} has invalid column widths.`);
    out.widths = raw.widths as Record<string, number>;
  }
  if (raw.merges !== undefined) {
    if (!Array.isArray(raw.merges) || !raw.merges.every((m) => typeof m === 'string' && /^[A-Z]{1,3}[1-9][0-9]*:[A-Z]{1,3}[1-9][0-9]*$/.test(m))) throw new DocumentError(`${where} has invalid merged cells.`);
    out.merges = raw.merges as string[];
  }
  if (raw.origin !== undefined) {
    if (!isObject(raw.origin) || typeof raw.origin.file !== 'string' || typeof raw.origin.sheet !== 'string') throw new DocumentError(`${where} has an invalid origin.`);
    out.origin = { file: raw.origin.file, sheet: raw.origin.sheet };
  }
  if (raw.leftOut !== undefined) {
    if (!Array.isArray(raw.leftOut) || !raw.leftOut.every((x) => typeof x === 'string')) throw new DocumentError(`${where} has an invalid list of what was left out.`);
    out.leftOut = raw.leftOut as string[];
  }
  return out;
}

/** Where a big sheet's cells are: a file, a worksheet, and an extent within Excel's grid. */
function sheetDataRef(raw: unknown, where: string): { data?: SheetDataRef } {
  if (raw === undefined) return {};
  const whole = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
  if (!isObject(raw) || typeof raw.file !== 'string' || typeof raw.sheet !== 'string' || !whole(raw.rows, 1_048_576) || !whole(raw.cols, 16_384))
    throw new DocumentError(`${where} says its cells are in a workbook file, but not which one or how many.`);
  if (raw.ops === undefined) return { data: { file: raw.file, sheet: raw.sheet, rows: raw.rows, cols: raw.cols } };
  const ops = readSheetDataOps(raw.ops);
  if (typeof ops === 'string') throw new DocumentError(`${where} cannot be replayed over ${raw.file}: ${ops}. Export the workbook from the Cellar that made it again.`);
  return { data: { file: raw.file, sheet: raw.sheet, rows: raw.rows, cols: raw.cols, ...(ops.length > 0 ? { ops } : {}) } };
}

/** A sheet's cell styles by address: malformed entries are dropped, never a reason to refuse the document. */
function sheetStyles(raw: unknown): { styles?: Record<string, CellStyle> } {
  if (!isObject(raw)) return {};
  const styles: Record<string, CellStyle> = {};
  for (const [key, value] of Object.entries(raw)) {
    const style = ADDRESS.test(key) ? readCellStyle(value) : undefined;
    if (style) styles[key] = style;
  }
  return Object.keys(styles).length > 0 ? { styles } : {};
}

/** A sheet's number formats: Excel codes by cell address. */
function sheetFormats(raw: unknown, where: string): { formats?: Record<string, string> } {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new DocumentError(`${where} has invalid number formats: expected an object of cell address to Excel format code.`);
  const formats: Record<string, string> = {};
  for (const [key, code] of Object.entries(raw)) {
    if (!ADDRESS.test(key) || typeof code !== 'string' || code === '') throw new DocumentError(`${where} has an invalid number format for ${JSON.stringify(key)}: expected an Excel format code.`);
    formats[key] = code;
  }
  return Object.keys(formats).length > 0 ? { formats } : {};
}

const AGGREGATES: PivotAggregate[] = ['sum', 'avg', 'count', 'min', 'max', 'median', 'count_distinct', 'formula'];

function pivot(raw: Json, where: string): { source: Block['id']; rows: string[]; columns: string[]; values: PivotValue[] } {
  const strings = (v: unknown, what: string) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new DocumentError(`${where} has invalid pivot ${what}.`);
    return v as string[];
  };
  if (typeof raw.source !== 'string') throw new DocumentError(`${where} has no source block.`);
  if (!Array.isArray(raw.values)) throw new DocumentError(`${where} has invalid pivot values.`);
  const values = raw.values.map((v): PivotValue => {
    if (!isObject(v) || !AGGREGATES.includes(v.aggregate as PivotAggregate)) throw new DocumentError(`${where} has an invalid pivot value.`);
    return {
      aggregate: v.aggregate as PivotAggregate,
      ...(typeof v.column === 'string' ? { column: v.column } : {}),
      ...(typeof v.formula === 'string' ? { formula: v.formula } : {}),
      ...(typeof v.name === 'string' && v.name !== '' ? { name: v.name } : {}),
    };
  });
  return { source: raw.source as Block['id'], rows: strings(raw.rows, 'rows'), columns: strings(raw.columns ?? [], 'columns'), values };
}

function chart(raw: Json, where: string): Pick<ChartBlock, 'source' | 'spec' | 'select' | 'selection'> {
  if (typeof raw.source !== 'string') throw new DocumentError(`${where} has no source block.`);
  let spec: ChartSpec;
  try {
    spec = readChartSpec(raw.spec);
  } catch (e) {
    throw new DocumentError(`${where} has an invalid chart: ${(e as Error).message}`);
  }
  const select = raw.select;
  if (select !== undefined && select !== 'interval' && select !== 'point' && select !== 'none') throw new DocumentError(`${where} has an invalid select mode.`);
  return { source: raw.source as Block['id'], spec, ...(select ? { select } : {}), ...chartSelection(raw.selection, where) };
}

function chartSelection(raw: unknown, where: string): { selection?: ChartSelection } {
  if (raw === undefined || raw === null) return {};
  const bad = () => new DocumentError(`${where} has an invalid selection.`);
  if (!isObject(raw) || !CHART_CHANNELS.includes(raw.channel as Channel)) throw bad();
  if (raw.type === 'interval') {
    const range = raw.range;
    if (raw.channel !== 'x' || !Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'number' && Number.isFinite(v))) throw bad();
    return { selection: { type: 'interval', channel: 'x', range: [range[0] as number, range[1] as number] } };
  }
  if (raw.type === 'point' && Array.isArray(raw.values) && raw.values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
    return { selection: { type: 'point', channel: raw.channel as Channel, values: raw.values as SelectedValue[] } };
  }
  throw bad();
}

function validControl(raw: unknown, where: string): CellControl {
  if (!isObject(raw)) throw new DocumentError(`${where} has no control.`);
  switch (raw.type) {
    case 'value':
    case 'number':
    case 'text':
    case 'date':
    case 'checkbox':
      return { type: raw.type };
    case 'slider': {
      const [min, max, step] = [raw.min, raw.max, raw.step].map(toNumber) as [number, number, number];
      if (![min, max, step].every(Number.isFinite) || step <= 0 || max < min) throw new DocumentError(`${where} has an invalid slider range.`);
      return { type: 'slider', min, max, step };
    }
    case 'dropdown':
      if (Array.isArray(raw.options) && raw.options.every((o) => typeof o === 'string')) return { type: 'dropdown', options: raw.options as string[] };
      if (isObject(raw.from) && typeof raw.from.block === 'string' && typeof raw.from.column === 'string') {
        return { type: 'dropdown', from: { block: raw.from.block as Block['id'], column: raw.from.column } };
      }
      throw new DocumentError(`${where} has a dropdown without options.`);
    default:
      throw new DocumentError(`${where} has an unknown control ${JSON.stringify(raw.type)}.`);
  }
}

/** A number from JSON, never calling into an object's own `valueOf`. */
function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A table's CSV read options (document.ts), kept only when well-formed. */
function readOptions(raw: Record<string, unknown>): { encoding?: 'latin-1' | 'utf-16'; textColumns?: string[] } {
  const encoding = raw.encoding === 'latin-1' || raw.encoding === 'utf-16' ? { encoding: raw.encoding as 'latin-1' | 'utf-16' } : {};
  const columns = Array.isArray(raw.textColumns) ? raw.textColumns.filter((c): c is string => typeof c === 'string') : [];
  return { ...encoding, ...(columns.length ? { textColumns: columns } : {}) };
}

const FILTER_TYPES = ['text', 'number', 'date'];
const FILTER_FIELDS = ['filterType', 'type', 'filter', 'filterTo', 'dateFrom', 'dateTo'];

/** One column filter as ag-grid models it, with only its known fields; undefined when malformed. */
function columnFilter(raw: unknown): ColumnFilter | undefined {
  if (!isObject(raw) || !FILTER_TYPES.includes(raw.filterType as string)) return undefined;
  if (Array.isArray(raw.conditions)) {
    const conditions = raw.conditions.map(columnFilter).filter((c): c is FilterCondition => c !== undefined && !('conditions' in c));
    const operator = raw.operator === 'OR' ? 'OR' : 'AND';
    return conditions.length ? { filterType: raw.filterType as FilterCondition['filterType'], operator, conditions } : undefined;
  }
  if (typeof raw.type !== 'string') return undefined;
  const kept = Object.entries(raw).filter(([k, v]) => FILTER_FIELDS.includes(k) && (v === null || ['string', 'number'].includes(typeof v)));
  return Object.fromEntries(kept) as unknown as FilterCondition;
}

/**
 * A grid's sort and filters (optional, so no version bump: a v4 document without them shows every
 * row, as before). Kept only when well-formed: a damaged one is dropped, never the workbook.
 */
function gridView(raw: unknown): { grid?: GridView } {
  if (!isObject(raw)) return {};
  const sort = Array.isArray(raw.sort)
    ? raw.sort.filter((s): s is SortSpec => isObject(s) && typeof s.column === 'string' && (s.direction === 'asc' || s.direction === 'desc')).map((s) => ({ column: s.column, direction: s.direction }))
    : [];
  const filters = isObject(raw.filters)
    ? Object.fromEntries(Object.entries(raw.filters).flatMap(([column, f]) => {
        const filter = columnFilter(f);
        return filter ? [[column, filter] as const] : [];
      }))
    : {};
  const grid: GridView = { ...(sort.length ? { sort } : {}), ...(Object.keys(filters).length ? { filters } : {}) };
  return Object.keys(grid).length ? { grid } : {};
}
