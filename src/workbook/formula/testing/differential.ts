// Tests only: runs a formula through its TypeScript form and its DuckDB form (DuckDB-WASM's own
// Node build, the engine the browser runs) and reports where they disagree. Not imported by the app.
import { quoteIdent } from '../../../sql';
import { wasmDuckDB } from '../../../engine/testing/wasm-parser';
import { FormulaError, isFormulaError, type ErrorCode } from '../errors';
import { evaluate, type EvalContext } from '../evaluate';
import { parseFormula } from '../parser';
import { compileFormula, type RelationInfo, type SqlScope } from '../sql/compile';
import { formatNumberSql, literal } from '../sql/coerce';
import { DUCKDB_TYPE, type SqlExpr, type SqlType } from '../sql/types';
import { DateValue, displayValue, formatDate, isDate, parseIsoDate, RangeValue, type Scalar, type Value } from '../values';

/**
 * One input set: values for `$0, $1 …` and columns for `#0, #1 …` in the template; `rng` in a
 * template is all the ranges side by side (a table on the SQL side, a 2-D range on the other).
 */
export interface DiffCase {
  values?: Scalar[];
  ranges?: Scalar[][];
}

export interface Mismatch {
  formula: string;
  mode: 'constant' | 'column';
  scalar: string;
  sql: string;
  inputs: string;
}

const NOW = new Date(Date.UTC(2024, 5, 15, 12, 0, 0));

/** `$0` and `#0` placeholders replaced outside string literals (so "#,##0" stays a format). */
function fill(template: string, value: string, range: string): string {
  return template
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$(\d+)/g, value).replace(/#(\d+)/g, range)))
    .join('');
}

/** The template as the scalar side reads it: `$0` → the cell v0, `#0` → the range r0. */
function scalarText(template: string): string {
  return fill(template, 'v$1', 'r$1');
}

/** `column` mode: `$0` → this row's `[@v0]`, `#0` → `rng[r0]`. */
function columnText(template: string): string {
  return fill(template, '[@v$1]', 'rng[r$1]');
}

function scalarContext(c: DiffCase): EvalContext {
  const names = new Map<string, Value>();
  (c.values ?? []).forEach((v, i) => names.set(`v${i}`, v));
  (c.ranges ?? []).forEach((r, i) => names.set(`r${i}`, RangeValue.column(r)));
  // `rng` is every range side by side, as SQL reads the table rng whole (VLOOKUP's table).
  if (c.ranges?.length) {
    const rows = Math.max(0, ...c.ranges.map((r) => r.length));
    const cells = Array.from({ length: rows }, (_, i) => c.ranges!.map((r) => (i < r.length ? r[i]! : null))).flat();
    names.set('rng', new RangeValue(rows, c.ranges.length, cells));
  }
  return {
    name: (n) => names.get(n.toLowerCase()),
    isTable: () => false,
    names: () => names.keys(),
    now: () => NOW,
    random: () => 0.5,
  };
}

/** Runs the scalar form. */
export function scalarResult(template: string, c: DiffCase): Scalar {
  const v = evaluate(parseFormula(`=${scalarText(template)}`), scalarContext(c));
  return v instanceof RangeValue ? (v.rows * v.cols === 1 ? v.at(0, 0) : new FormulaError('#VALUE!')) : v;
}

/** The DuckDB type a column of these values needs; undefined when they mix types. */
function columnType(values: Scalar[]): SqlType | undefined {
  const types = new Set(values.filter((v) => v !== null).map(typeOf));
  if (types.size === 0) return 'number';
  if (types.size > 1 || types.has(undefined)) return undefined;
  return [...types][0]!;
}

function typeOf(v: Scalar): SqlType | undefined {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  if (isDate(v)) return v.withTime ? 'datetime' : 'date';
  return undefined;
}

function valueSql(v: Scalar, type: SqlType): string {
  return v === null ? `CAST(NULL AS ${DUCKDB_TYPE[type]})` : `CAST(${literal(v).sql} AS ${DUCKDB_TYPE[type]})`;
}

/** What a compiled expression's row reads back as, as a Scalar. */
function readBack(row: Record<string, unknown>, type: SqlType): Scalar {
  if (row.e !== null && row.e !== undefined) return new FormulaError(String(row.e) as ErrorCode);
  const v = row.v;
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'number':
      return Number(v);
    case 'boolean':
      return Boolean(v);
    case 'text':
      return String(v);
    case 'date':
    case 'datetime':
      return parseIsoDate(String(v)) ?? String(v);
    case 'empty':
      return null;
  }
}

/** Selects a compiled expression's value (dates as ISO text, so they read back exactly) and error. */
function selectList(e: SqlExpr): string {
  const v = e.type === 'date' || e.type === 'datetime' ? `CAST(${e.sql} AS VARCHAR)` : e.sql;
  return `${v} AS v, ${e.err ?? 'CAST(NULL AS VARCHAR)'} AS e`;
}

function scope(names: Map<string, Scalar>, row?: SqlScope['row'], tables: Record<string, RelationInfo> = {}): SqlScope {
  return {
    // Constants stay SQL here: the point is to run the SQL forms on them.
    fold: false,
    row,
    table: (n) => tables[n.toLowerCase()],
    name: (n) => names.get(n.toLowerCase()),
    names: () => names.keys(),
  };
}

/** Runs the SQL form with every input a constant (literals, as cells reach SQL). */
export async function constantResult(template: string, c: DiffCase): Promise<Scalar | 'no-sql'> {
  const names = new Map<string, Scalar>((c.values ?? []).map((v, i) => [`v${i}`, v]));
  const tables: Record<string, RelationInfo> = {};
  if (c.ranges?.length) tables.rng = await rangeTable(c.ranges);
  return runSql(`=${fill(template, 'v$1', 'rng[r$1]')}`, scope(names, undefined, tables), 'FROM (SELECT 1) AS _one');
}

/** Runs the SQL form with inputs as typed, nullable columns of a one-row table (as formula columns read them). */
export async function columnResult(template: string, c: DiffCase): Promise<Scalar | 'no-sql' | 'mixed'> {
  const values = c.values ?? [];
  const types = values.map((v) => columnType([v]));
  if (types.some((t) => t === undefined)) return 'mixed';
  const { conn } = await wasmDuckDB();
  const columns = values.map((v, i) => `${valueSql(v, types[i]!)} AS v${i}`);
  conn.query(`CREATE OR REPLACE TABLE t AS SELECT ${columns.length ? columns.join(', ') : '1 AS one'}`);
  const info: RelationInfo = { from: 't', columns: values.map((_, i) => ({ name: `v${i}`, type: DUCKDB_TYPE[types[i]!] })), ordered: true };
  const tables: Record<string, RelationInfo> = { t: info };
  if (c.ranges?.length) tables.rng = await rangeTable(c.ranges);
  return runSql(`=${columnText(template)}`, scope(new Map(), { name: 't', relation: info, alias: 'b', group: false }, tables), 'FROM t AS b');
}

async function rangeTable(ranges: Scalar[][]): Promise<RelationInfo> {
  const { conn } = await wasmDuckDB();
  const length = Math.max(0, ...ranges.map((r) => r.length));
  const types = ranges.map((r) => columnType(r) ?? 'text');
  const rows = Array.from({ length }, (_, i) => `(${ranges.map((r, j) => valueSql(i < r.length ? r[i]! : null, types[j]!)).join(', ')})`);
  const names = ranges.map((_, j) => `r${j}`);
  if (length === 0) conn.query(`CREATE OR REPLACE TABLE rng AS SELECT ${names.map((n, j) => `${valueSql(null, types[j]!)} AS ${quoteIdent(n)}`).join(', ')} LIMIT 0`);
  else conn.query(`CREATE OR REPLACE TABLE rng AS SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${names.map(quoteIdent).join(', ')})`);
  return { from: 'rng', columns: names.map((n, j) => ({ name: n, type: DUCKDB_TYPE[types[j]!] })), ordered: true };
}

async function runSql(formula: string, s: SqlScope, from: string): Promise<Scalar | 'no-sql'> {
  let compiled: SqlExpr;
  try {
    compiled = compileFormula(parseFormula(formula), s);
  } catch (e) {
    if (e instanceof Error && /cannot be computed by SQL|array constant/.test(e.message)) return 'no-sql';
    if (e instanceof Error && 'code' in e) return new FormulaError((e as { code: ErrorCode }).code, e.message);
    throw e;
  }
  const { conn } = await wasmDuckDB();
  const sql = `SELECT ${selectList(compiled)} ${from}`;
  try {
    const rows = conn.query(sql).toArray().map((r) => r.toJSON());
    return readBack(rows[0] ?? { v: null, e: null }, compiled.type);
  } catch (e) {
    throw new Error(`${formula} compiled to SQL DuckDB refused:\n${sql}\n${(e as Error).message}`);
  }
}

/** Whether two results agree: numbers to 1e-9 relative, dates by serial, errors by code. */
export function same(a: Scalar, b: Scalar): boolean {
  if (isFormulaError(a) || isFormulaError(b)) return isFormulaError(a) && isFormulaError(b) && a.code === b.code;
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (isDate(a) && isDate(b)) return Math.abs(a.serial - b.serial) < 1e-6;
  if (isDate(a) && typeof b === 'number') return Math.abs(a.serial - b) < 1e-6;
  // Branches of mixed types share one SQL type, text as the cell shows it (see castTo).
  if (typeof b === 'string' && a !== null && typeof a !== 'string') return displayValue(a) === b;
  return a === b;
}

export function show(v: Scalar | string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof DateValue) return `date(${formatDate(v)})`;
  return displayValue(v);
}

/**
 * Runs every case through the scalar form and the SQL form (constants, and typed columns where
 * the inputs have one type each) and returns the disagreements.
 */
export async function differences(template: string, cases: DiffCase[], modes: ('constant' | 'column')[] = ['constant', 'column']): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const c of cases) {
    const expected = scalarResult(template, c);
    for (const mode of modes) {
      const got = mode === 'constant' ? await constantResult(template, c) : await columnResult(template, c);
      if (got === 'no-sql' || got === 'mixed') continue;
      if (!same(expected, got)) {
        out.push({
          formula: template,
          mode,
          scalar: show(expected),
          sql: show(got),
          inputs: JSON.stringify({ values: c.values?.map(show), ranges: c.ranges?.map((r) => r.map(show)) }),
        });
      }
    }
  }
  return out;
}

/** A number as DuckDB would write it with the formula's text rule, for tests of formatNumber. */
export async function sqlFormatNumber(x: number): Promise<string> {
  const { conn } = await wasmDuckDB();
  return String(conn.query(`SELECT ${formatNumberSql(`CAST(${x} AS DOUBLE)`)} AS s`).toArray()[0]!.toJSON().s);
}

export { parseIsoDate, DateValue };
