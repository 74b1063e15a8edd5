import { quoteIdent } from '../sql';
import { columnLetters, displayValue, isDate, isFormulaError, sqlLiteral, type Scalar } from './formula';
import { parseAddress, sheetReader, type SheetCells } from './sheet-cells';
import { EMPTY, type SheetData } from './sheet-data';
import { spillsIn } from './sheet-spill';

export type SheetColumnType = 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'VARCHAR';

/** A sheet as a table: its used range, the first row naming the columns, each column typed by its values. */
export interface SheetTable {
  columns: { name: string; type: SheetColumnType; data: Scalar[] }[];
  /** Rows under the header. */
  rows: number;
  /** The used range it was made from (0-based, inclusive; row r0 the header). */
  bounds: Bounds;
}

export interface Bounds {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** The SQL type a column of a sheet's values needs: one type when they share it, else text. */
export function columnSqlType(values: Iterable<Scalar>): SheetColumnType {
  let type: SheetColumnType | undefined;
  let withTime = false;
  for (const v of values) {
    if (v === null || isFormulaError(v)) continue;
    const t: SheetColumnType = typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : isDate(v) ? 'DATE' : 'VARCHAR';
    if (isDate(v) && v.withTime) withTime = true;
    if (type === undefined) type = t;
    else if (type !== t) return 'VARCHAR';
  }
  if (type === undefined) return 'VARCHAR';
  return type === 'DATE' && withTime ? 'TIMESTAMP' : type;
}

/** The used range's corners (loops, not Math.min(...): a sheet may hold millions of cells). */
export function usedBounds(sheet: SheetCells, values?: ReadonlyMap<string, Scalar>): Bounds | undefined {
  let [r0, r1, c0, c1] = [Infinity, -1, Infinity, -1];
  const take = (row: number, col: number) => {
    if (row < r0) r0 = row;
    if (row > r1) r1 = row;
    if (col < c0) c0 = col;
    if (col > c1) c1 = col;
  };
  for (const key in sheet.cells) {
    const a = sheet.cells[key] !== '' ? parseAddress(key) : undefined;
    if (a) take(a.row, a.col);
  }
  const d: SheetData | undefined = sheet.data;
  if (d) {
    for (let col = 0; col < d.cols; col++) {
      let first = -1;
      let last = -1;
      for (let row = 0, i = col * d.rows; row < d.rows; row++, i++) {
        if (d.kind[i] === EMPTY) continue;
        if (first < 0) first = row;
        last = row;
      }
      if (first >= 0) {
        take(first, col);
        take(last, col);
      }
    }
  }
  // The cells formulas' arrays spill into are used too.
  if (values) for (const sp of spillsIn(values)) take(sp.row + sp.rows - 1, sp.col + sp.cols - 1);
  return r1 < 0 ? undefined : { r0, r1, c0, c1 };
}

/** The sheet's used range as columns of values (blank or repeated header names become the column's letter). */
export function sheetTable(sheet: SheetCells, values: ReadonlyMap<string, Scalar>): SheetTable | undefined {
  const bounds = usedBounds(sheet, values);
  if (!bounds) return undefined;
  const { r0, r1, c0, c1 } = bounds;
  const reader = sheetReader(sheet, values);
  const names: string[] = [];
  const taken = new Set<string>();
  for (let c = c0; c <= c1; c++) {
    const header = reader.at(r0, c);
    let n = header === null || isFormulaError(header) ? '' : displayValue(header).trim();
    if (n === '' || taken.has(n.toLowerCase())) n = columnLetters(c);
    for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${columnLetters(c)}_${i}`;
    taken.add(n.toLowerCase());
    names.push(n);
  }
  const columns = names.map((name, i) => {
    const col = c0 + i;
    const data: Scalar[] = new Array(r1 - r0);
    for (let r = r0 + 1; r <= r1; r++) data[r - r0 - 1] = reader.at(r, col);
    return { name, type: columnSqlType(data), data };
  });
  return { columns, rows: r1 - r0, bounds };
}

/** A sheet value as a SQL literal of its column's type (errors are NULL, as in formula columns). */
export function literalOf(v: Scalar, type: string): string {
  if (v === null || isFormulaError(v)) return `CAST(NULL AS ${type})`;
  if (type === 'VARCHAR') return sqlLiteral(displayValue(v)).sql;
  if (type === 'TIMESTAMP' && isDate(v) && !v.withTime) return `CAST(${sqlLiteral(v).sql} AS TIMESTAMP)`;
  return sqlLiteral(v).sql;
}

/** The SELECT that makes a small sheet's table (a big one goes to DuckDB as Arrow, not as SQL text). */
export function sheetTableSql(table: SheetTable | undefined): string {
  if (!table) return 'SELECT CAST(NULL AS VARCHAR) AS "A" LIMIT 0';
  const { columns } = table;
  if (table.rows === 0) return `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} LIMIT 0`;
  const rows: string[] = [];
  for (let i = 0; i < table.rows; i++) rows.push(`(${columns.map((c) => literalOf(c.data[i]!, c.type)).join(', ')})`);
  return `SELECT * FROM (VALUES ${rows.join(',\n')}) AS sheet(${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
}
