import type { CellBlock, CellControl, CellRaw } from './document';
import { formatDate, FormulaError, isDate, isFormulaError, parseIsoDate, type ErrorCode, type Scalar } from './formula';

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
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/**
 * What a typed-in value means, the way a spreadsheet reads it: `42`, `-1.5e3` and `12%` are
 * numbers, `TRUE`/`FALSE` booleans, `2024-03-01` a date, anything else text; a leading `'`
 * keeps the rest as text.
 */
export function parseTypedValue(text: string): CellValue {
  const t = text.trim();
  if (t === '') return { type: 'empty', value: null };
  if (text.startsWith("'")) return { type: 'text', value: text.slice(1) };
  const compact = t.replace(/,(?=\d{3}(\D|$))/g, '');
  if (NUMBER.test(compact)) {
    const percent = compact.endsWith('%');
    const n = Number(percent ? compact.slice(0, -1) : compact);
    if (Number.isFinite(n)) return { type: 'number', value: percent ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(t)) return { type: 'boolean', value: t.toLowerCase() === 'true' };
  if (ISO_DATE.test(t) && isRealDate(t)) return { type: 'date', value: t };
  return { type: 'text', value: text };
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

/** A cell's value as formulas read it. */
export function toScalar(v: CellValue): Scalar {
  switch (v.type) {
    case 'empty':
      return null;
    case 'date':
      return parseIsoDate(v.value) ?? v.value;
    case 'error':
      return new FormulaError(v.value, v.message);
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
  if (isFormulaError(v)) return { type: 'error', value: v.code, message: v.message };
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
