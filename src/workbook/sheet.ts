import { quoteIdent } from '../sql';
import { parseTypedValue, toScalar } from './cells';
import {
  columnIndex,
  columnLetters,
  displayValue,
  evaluate,
  FormulaError,
  FormulaSyntaxError,
  isDate,
  isFormulaError,
  isFormulaText,
  parseFormula,
  RangeValue,
  sqlLiteral,
  type CellAddress,
  type FormulaNode,
  type Scalar,
} from './formula';
import { evaluateInRounds, scalarOf, TableCalls, type FormulaWorld, type RunSql } from './formula-eval';

/** A sheet's size as shown; formulas may address beyond it (those cells are empty). */
export const SHEET_ROWS = 1000;
export const SHEET_COLS = 26;

/** `B2` from 0-based row and column. */
export function addressKey(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** 0-based row and column of `B2`; undefined for anything else. */
export function parseAddress(key: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(key);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]!) } : undefined;
}

/** What a typed-in cell holds: a formula's text is evaluated elsewhere; anything else is read as typed. */
export function typedValue(raw: string): Scalar {
  return toScalar(parseTypedValue(raw));
}

const parsedSheetFormulas = new Map<string, FormulaNode | FormulaSyntaxError>();

function parseSheetFormula(text: string): FormulaNode | FormulaSyntaxError {
  let node = parsedSheetFormulas.get(text);
  if (!node) {
    try {
      node = parseFormula(text, { sheet: true });
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      node = e;
    }
    if (parsedSheetFormulas.size > 20_000) parsedSheetFormulas.clear();
    parsedSheetFormulas.set(text, node);
  }
  return node;
}

/** Keys in reading order (row, then column): most formulas read cells above or left of them. */
function readingOrder(keys: string[]): string[] {
  return keys
    .map((k) => ({ k, a: parseAddress(k) }))
    .filter((x): x is { k: string; a: { row: number; col: number } } => x.a !== undefined)
    .sort((x, y) => x.a.row - y.a.row || x.a.col - y.a.col)
    .map((x) => x.k);
}

/** The last used row (0-based) in a column range, for whole-column references like A:A. */
function lastRow(cells: Record<string, string>): number {
  let max = -1;
  for (const k of Object.keys(cells)) max = Math.max(max, parseAddress(k)?.row ?? -1);
  return max;
}

/**
 * Every cell's value. Formulas read other cells of the sheet (B2, B2:B20), other sheets
 * (`plan!A1`), named cells and tables; their table calls run in SQL, in rounds.
 */
export async function evaluateSheet(
  name: string,
  cells: Record<string, string>,
  world: FormulaWorld & { sheet(name: string): ((key: string) => Scalar) | undefined },
  runSql: RunSql,
  clock?: () => Date,
): Promise<Map<string, Scalar>> {
  const calls = new TableCalls(world, runSql, clock);
  const keys = readingOrder(Object.keys(cells));
  const used = lastRow(cells);
  const pass = () => {
    const values = new Map<string, Scalar>();
    const visiting = new Set<string>();
    const own = (sheet: string | undefined) => sheet === undefined || sheet.toLowerCase() === name.toLowerCase();
    const valueAt = (key: string): Scalar => {
      const known = values.get(key);
      if (known !== undefined || values.has(key)) return known ?? null;
      const raw = cells[key];
      if (raw === undefined) return null;
      if (!isFormulaText(raw)) {
        const v = typedValue(raw);
        values.set(key, v);
        return v;
      }
      if (visiting.has(key)) return new FormulaError('#REF!', `Circular reference: ${key} depends on itself.`);
      visiting.add(key);
      const node = parseSheetFormula(raw);
      const v = node instanceof FormulaSyntaxError ? node.toValue() : scalarOf(evaluate(node, ctx));
      visiting.delete(key);
      values.set(key, v);
      return v;
    };
    const cellOf = (sheet: string | undefined, a: CellAddress): Scalar => {
      const key = addressKey(a.row, a.col);
      if (own(sheet)) return valueAt(key);
      const other = world.sheet(sheet!);
      return other ? other(key) : new FormulaError('#REF!', `No sheet is called ${sheet}.`);
    };
    const ctx = calls.context({
      cell: (sheet, a) => cellOf(sheet, a),
      range: (sheet, start, end) => {
        if (!own(sheet) && !world.sheet(sheet!)) return new FormulaError('#REF!', `No sheet is called ${sheet}.`);
        const endRow = end.row < 0 ? Math.max(start.row, own(sheet) ? used : SHEET_ROWS - 1) : end.row;
        const [r0, r1] = [Math.min(start.row, endRow), Math.max(start.row, endRow)];
        const [c0, c1] = [Math.min(start.col, end.col), Math.max(start.col, end.col)];
        if ((r1 - r0 + 1) * (c1 - c0 + 1) > 1_000_000) return new FormulaError('#VALUE!', 'The range is too large for a sheet (a million cells at most).');
        const out: Scalar[] = [];
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(cellOf(sheet, { row: r, col: c, rowAbs: false, colAbs: false }));
        return new RangeValue(r1 - r0 + 1, c1 - c0 + 1, out);
      },
    });
    for (const key of keys) valueAt(key);
    return values;
  };
  return evaluateInRounds(calls, pass);
}

/** The SQL type a column of a sheet's values needs: one type when they share it, else text. */
function columnSqlType(values: Scalar[]): 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'VARCHAR' {
  const present = values.filter((v) => v !== null && !isFormulaError(v));
  if (present.length === 0) return 'VARCHAR';
  if (present.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every(isDate)) return present.some((v) => isDate(v) && v.withTime) ? 'TIMESTAMP' : 'DATE';
  return 'VARCHAR';
}

/** A sheet value as a SQL literal of its column's type (errors are NULL, as in formula columns). */
function literalOf(v: Scalar, type: string): string {
  if (v === null || isFormulaError(v)) return `CAST(NULL AS ${type})`;
  if (type === 'VARCHAR') return sqlLiteral(displayValue(v)).sql;
  if (type === 'TIMESTAMP' && isDate(v) && !v.withTime) return `CAST(${sqlLiteral(v).sql} AS TIMESTAMP)`;
  return sqlLiteral(v).sql;
}

/**
 * The SELECT that makes a sheet a table: its used range, the first row naming the columns (a
 * blank or repeated name becomes the column's letter), each column typed by its values.
 */
export function sheetTableSql(cells: Record<string, string>, values: Map<string, Scalar>): string {
  const addresses = Object.keys(cells)
    .filter((k) => cells[k] !== '')
    .map(parseAddress)
    .filter((a): a is { row: number; col: number } => a !== undefined);
  if (addresses.length === 0) return 'SELECT CAST(NULL AS VARCHAR) AS "A" LIMIT 0';
  const [r0, r1] = [Math.min(...addresses.map((a) => a.row)), Math.max(...addresses.map((a) => a.row))];
  const [c0, c1] = [Math.min(...addresses.map((a) => a.col)), Math.max(...addresses.map((a) => a.col))];
  const valueAt = (row: number, col: number) => values.get(addressKey(row, col)) ?? null;
  const names: string[] = [];
  const taken = new Set<string>();
  for (let c = c0; c <= c1; c++) {
    const header = valueAt(r0, c);
    let n = header === null || isFormulaError(header) ? '' : displayValue(header).trim();
    if (n === '' || taken.has(n.toLowerCase())) n = columnLetters(c);
    for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${columnLetters(c)}_${i}`;
    taken.add(n.toLowerCase());
    names.push(n);
  }
  const columns = names.map((n, i) => {
    const col = c0 + i;
    const data: Scalar[] = [];
    for (let r = r0 + 1; r <= r1; r++) data.push(valueAt(r, col));
    return { name: n, type: columnSqlType(data), data };
  });
  if (r1 === r0) return `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} LIMIT 0`;
  const rows: string[] = [];
  for (let i = 0; i < r1 - r0; i++) rows.push(`(${columns.map((c) => literalOf(c.data[i]!, c.type)).join(', ')})`);
  return `SELECT * FROM (VALUES ${rows.join(',\n')}) AS sheet(${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
}
