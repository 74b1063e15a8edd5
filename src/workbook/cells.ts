import type { CellBlock, CellControl, CellRaw } from './document';
import { parseInput } from './format/parse';
import { DateValue, formatDate, FormulaError, isDate, isFormulaError, parseIsoDate, type ErrorCode, type Scalar } from './formula';

/** A cell's value as SQL sees it when a block reads it as `$name`. */
export type CellValue =
  | { type: 'number'; value: number }
  | { type: 'text'; value: string }
  | { type: 'boolean'; value: boolean }
  /** ISO text: `2024-03-01`, or `2024-03-01 12:30:00` for a date with a time. */
  | { type: 'date'; value: string }
  | { type: 'empty'; value: null }
  /** A formula's error value, `#DIV/0!`, and what went wrong. */
  | { type: 'error'; value: ErrorCode; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The error values a person can type into a cell (Excel's, not Cellar's own #ERROR!). */
const TYPED_ERRORS = new Map<string, ErrorCode>((['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#CALC!', '#SPILL!'] as const).map((c) => [c, c]));

/**
 * What a typed-in value means, the way Excel reads it in en-US: `42`, `-1.5e3`, `$1,234.50`,
 * `(1,234)` and `12%` are numbers, `TRUE`/`FALSE` booleans, `2024-03-01` and `3/1/2024` dates,
 * `#N/A` and Excel's other error values errors, anything else text; a leading `'` keeps the rest as text. The format the typing implies is
 * `impliedFormat` (workbook/format).
 */
export function parseTypedValue(text: string): CellValue {
  // An error typed as itself (#N/A, #DIV/0! …) is that error, as in Excel: COUNTIF(range, "#N/A") counts it.
  const error = TYPED_ERRORS.get(text.trim().toUpperCase());
  if (error) return { type: 'error', value: error, message: `${error} was typed into the cell.` };
  const input = parseInput(text);
  switch (input.kind) {
    case 'empty':
      return { type: 'empty', value: null };
    case 'text':
      return { type: 'text', value: input.text };
    case 'boolean':
      return { type: 'boolean', value: input.value };
    case 'number':
      return { type: 'number', value: input.value };
    case 'date':
      return { type: 'date', value: formatDate(new DateValue(input.serial, input.withTime)) };
  }
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** The value a cell holds, typed by its control. */
export function cellValue(cell: Pick<CellBlock, 'control' | 'value'>): CellValue {
  const { control, value } = cell;
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { type: 'empty', value: null };
  switch (control.type) {
    case 'value':
      return typeof value === 'string' ? parseTypedValue(value) : fromPrimitive(value);
    case 'number':
    case 'slider': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? { type: 'number', value: n } : { type: 'empty', value: null };
    }
    case 'checkbox':
      return { type: 'boolean', value: value === true || value === 'true' };
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && isRealDate(value) ? { type: 'date', value } : { type: 'empty', value: null };
    case 'text':
    case 'dropdown':
      return { type: 'text', value: String(value) };
  }
}

function fromPrimitive(value: number | boolean): CellValue {
  return typeof value === 'number' ? { type: 'number', value } : { type: 'boolean', value };
}

/**
 * The error a formula gave, kept with the cell value made from it: a LAMBDA is a #CALC! error
 * that stays callable through the cell's name (`=MYFN(2)`). Never serialized; a copy reads as a plain error.
 */
const formulaErrors = new WeakMap<CellValue, FormulaError>();

/** A cell's value as formulas read it. */
export function toScalar(v: CellValue): Scalar {
  switch (v.type) {
    case 'empty':
      return null;
    case 'date':
      return parseIsoDate(v.value) ?? v.value;
    case 'error':
      return formulaErrors.get(v) ?? new FormulaError(v.value, v.message);
    default:
      return v.value;
  }
}

/** A formula's value as a cell holds it. */
export function fromScalar(v: Scalar): CellValue {
  if (v === null) return { type: 'empty', value: null };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (isDate(v)) return { type: 'date', value: formatDate(v) };
  if (isFormulaError(v)) {
    const c: CellValue = { type: 'error', value: v.code, message: v.message };
    formulaErrors.set(c, v);
    return c;
  }
  return { type: 'text', value: String(v) };
}


/** How a cell's value reads on screen. */
export function formatCellValue(v: CellValue): string {
  switch (v.type) {
    case 'empty':
      return '';
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'number':
      return Number.isInteger(v.value) ? String(v.value) : String(Number(v.value.toPrecision(15)));
    case 'error':
      return v.value;
    default:
      return v.value;
  }
}

/** A fresh value for a control, keeping what still fits from the old one. */
export function valueForControl(control: CellControl, previous: CellRaw): CellRaw {
  const v = cellValue({ control: { type: 'value' }, value: previous === null ? null : String(previous) });
  switch (control.type) {
    case 'value':
      return previous === null ? '' : String(previous);
    case 'number':
      return v.type === 'number' ? v.value : 0;
    case 'slider':
      return v.type === 'number' ? Math.min(control.max, Math.max(control.min, v.value)) : control.min;
    case 'checkbox':
      return v.type === 'boolean' ? v.value : false;
    case 'date':
      return v.type === 'date' ? v.value : new Date().toISOString().slice(0, 10);
    case 'text':
      return previous === null ? '' : String(previous);
    case 'dropdown':
      return 'options' in control ? (control.options.includes(String(previous)) ? String(previous) : (control.options[0] ?? null)) : previous === null ? null : String(previous);
  }
}
