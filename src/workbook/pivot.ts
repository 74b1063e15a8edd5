import { quoteIdent, type ColumnInfo } from '../sql';
import type { PivotBlock, PivotValue } from './document';
import { compileFormula, FormulaSyntaxError, parseFormula, walk, withSuggestion, type SqlScope } from './formula';
import { parsedFormula } from './formula-refs';
import { formulaType } from './formula';
import { DUCKDB_TYPE } from './formula/sql/types';

/** A pivot that cannot be built, in words, with what it is about. */
export class PivotError extends Error {
  override name = 'PivotError';
}

/** The result column's name for a value: its own, or `sum_amount`, `count`, `mean` … */
export function pivotValueName(v: PivotValue, index: number): string {
  if (v.name) return v.name;
  if (v.aggregate === 'formula') return `value${index + 1}`;
  if (v.aggregate === 'count' && !v.column) return 'count';
  return `${v.aggregate}_${v.column ?? ''}`;
}

/** A field naming no column of the source, with the likely one when it is a typo (`prce` → price). */
function noColumn(name: string | undefined, columns: readonly ColumnInfo[]): PivotError {
  if (name === undefined) return new PivotError('The source has no column (none chosen).');
  return new PivotError(withSuggestion(`The source has no column ${name}`, name, columns.map((c) => c.name)));
}

const NUMERIC = (type: string) => formulaType(type) === 'number';

/** One aggregate as SQL over the source's rows (bare column names), or a PivotError saying why not. */
function aggregateSql(v: PivotValue, columns: readonly ColumnInfo[], scope: Omit<SqlScope, 'row'>, source: { name: string; from: string }): string {
  if (v.aggregate === 'formula') {
    if (!v.formula) throw new PivotError('A formula value needs a formula, such as =SUM([amount]) / COUNT([amount]).');
    try {
      const e = compileFormula(parseFormula(v.formula), { ...scope, row: { name: source.name, relation: { from: source.from, columns, ordered: false }, alias: '', group: true } });
      return e.type === 'empty' ? `CAST(NULL AS ${DUCKDB_TYPE.empty})` : e.sql;
    } catch (e) {
      if (e instanceof FormulaSyntaxError) throw new PivotError(`${v.formula}: ${e.message}`);
      throw e;
    }
  }
  if (v.aggregate === 'count' && !v.column) return 'count(*)';
  const column = columns.find((c) => c.name === v.column);
  if (!column) throw noColumn(v.column, columns);
  const c = quoteIdent(column.name);
  switch (v.aggregate) {
    case 'count':
      return `count(${c})`;
    case 'count_distinct':
      return `count(DISTINCT ${c})`;
    case 'min':
    case 'max':
      return `${v.aggregate}(${c})`;
    case 'sum':
    case 'avg':
    case 'median':
      if (!NUMERIC(column.type)) throw new PivotError(`${v.aggregate.toUpperCase()} needs numbers; ${column.name} is ${column.type}.`);
      return `${v.aggregate}(${c})`;
  }
}

/**
 * A pivot as SQL: GROUP BY its rows with one aggregate per value, or DuckDB's PIVOT when it has
 * column fields (each distinct value of them becomes a column). Ordered by the row fields.
 */
export function pivotSql(block: Pick<PivotBlock, 'rows' | 'columns' | 'values'>, source: { name: string; columns: readonly ColumnInfo[] }, scope: Omit<SqlScope, 'row'> = noScope): string {
  const from = quoteIdent(source.name);
  const known = new Set(source.columns.map((c) => c.name));
  for (const f of [...block.rows, ...block.columns]) if (!known.has(f)) throw noColumn(f, source.columns);
  if (block.values.length === 0 && block.columns.length === 0 && block.rows.length === 0) throw new PivotError('Choose rows, columns or values to group by.');
  const values = block.values.length > 0 ? block.values : [{ aggregate: 'count' } satisfies PivotValue];
  const aggregates = values.map((v, i) => `${aggregateSql(v, source.columns, scope, { name: source.name, from })} AS ${quoteIdent(pivotValueName(v, i))}`);
  const rows = block.rows.map((r) => quoteIdent(r));
  const order = block.rows.length > 0 ? ` ORDER BY ${block.rows.map((r) => `${quoteIdent(r)} NULLS LAST`).join(', ')}` : '';
  if (block.columns.length === 0) {
    const select = [...rows, ...aggregates].join(', ');
    return `SELECT ${select} FROM ${from}${rows.length ? ` GROUP BY ${rows.join(', ')}` : ''}${order}`;
  }
  const on = block.columns.map(quoteIdent).join(', ');
  // PIVOT groups by every input column it does not pivot or aggregate: give it only those it uses.
  const used = new Set([...block.rows, ...block.columns, ...values.flatMap((v) => (v.aggregate === 'formula' ? formulaColumnsUsed(v.formula ?? '') : v.column ? [v.column] : []))]);
  const input = `(SELECT ${source.columns.filter((c) => used.has(c.name)).map((c) => quoteIdent(c.name)).join(', ')} FROM ${from})`;
  // One value: the columns are the pivoted values themselves (EU, US …), as in a spreadsheet.
  const using = values.length === 1 && !values[0]!.name ? aggregateSql(values[0]!, source.columns, scope, { name: source.name, from }) : aggregates.join(', ');
  const group = block.rows.length > 0 ? ` GROUP BY ${block.rows.map(quoteIdent).join(', ')}` : '';
  return `SELECT * FROM (PIVOT ${input} ON ${on} USING ${using}${group})${order}`;
}

/** The own-table columns an aggregate formula names (`[amount]`). */
function formulaColumnsUsed(formula: string): string[] {
  const node = parsedFormula(formula);
  const out: string[] = [];
  if (node) walk(node, (n) => n.type === 'column' && !n.table && out.push(n.column));
  return out;
}

const noScope: Omit<SqlScope, 'row'> = { table: () => undefined, name: () => undefined, names: () => [] };
