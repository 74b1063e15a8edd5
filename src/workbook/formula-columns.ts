import { baseTableName, errorColumnName, gridViewName, isErrorColumn, quoteIdent, type ColumnInfo } from '../sql';
import type { BlockId, FormulaColumn } from './document';
import { parsedFormula } from './formula-refs';
import { compileFormula, FormulaSyntaxError, parseFormula, type ErrorCode, type RelationInfo, type Span, type SqlScope } from './formula';
import { DUCKDB_TYPE } from './formula/sql/types';

// The internal names live with the rest of SQL text (src/sql); re-exported as workbook/ always had them.
export { baseTableName, errorColumnName, gridViewName, isErrorColumn };

/** One formula column as compiled. */
export interface CompiledColumn {
  name: string;
  formula: string;
  /** DuckDB's type of its values. */
  type: string;
  /** The SQL it compiled to (its value), for "Show SQL". */
  sql: string;
  /** The SQL of its error codes, when some rows can fail. */
  errorSql: string | null;
  /** Set when the formula itself is wrong: every row shows this error. */
  error?: { code: ErrorCode; message: string; span?: Span };
}

export interface FormulaColumnsPlan {
  columns: CompiledColumn[];
  /** CREATE VIEW statements, in order: the grid's view, then the block's own. */
  statements: string[];
  /** Formula column → its error column, for the grid. */
  errorColumns: Record<string, string>;
}

/**
 * The views that add formula columns to a block. Each formula column is one layer over the last,
 * compiled in its row scope (so a column can read the ones before it, and `SUM([amount])`
 * aggregates the block's own rows). Layers are NOT MATERIALIZED: a grid page of 200 rows
 * computes 200 rows, not the table.
 */
export function planFormulaColumns(input: {
  id: BlockId;
  name: string;
  base: string;
  baseColumns: readonly ColumnInfo[];
  formulaColumns: readonly FormulaColumn[];
  scope: Omit<SqlScope, 'row'>;
}): FormulaColumnsPlan {
  const columns: CompiledColumn[] = [];
  const layers = [`_l0 AS NOT MATERIALIZED (SELECT * FROM ${quoteIdent(input.base)})`];
  const visible: ColumnInfo[] = [...input.baseColumns];
  const errorColumns: Record<string, string> = {};
  input.formulaColumns.forEach((column, i) => {
    const relation: RelationInfo = { from: `_l${i}`, columns: [...visible], ordered: false };
    const compiled = compileColumn(column, visible, { ...input.scope, row: { name: input.name, relation, alias: '_b' } });
    columns.push(compiled);
    const parts = [`_b.*`, `${compiled.sql} AS ${quoteIdent(column.name)}`];
    if (compiled.errorSql) {
      errorColumns[column.name] = errorColumnName(column.name);
      parts.push(`${compiled.errorSql} AS ${quoteIdent(errorColumnName(column.name))}`);
    }
    layers.push(`_l${i + 1} AS NOT MATERIALIZED (SELECT ${parts.join(', ')} FROM _l${i} AS _b)`);
    visible.push({ name: column.name, type: compiled.type });
  });
  const grid = gridViewName(input.id);
  const hidden = Object.values(errorColumns).map(quoteIdent);
  return {
    columns,
    errorColumns,
    statements: [
      `CREATE OR REPLACE VIEW ${quoteIdent(grid)} AS WITH ${layers.join(',\n')}\nSELECT * FROM _l${input.formulaColumns.length}`,
      `CREATE OR REPLACE VIEW ${quoteIdent(input.name)} AS SELECT *${hidden.length ? ` EXCLUDE (${hidden.join(', ')})` : ''} FROM ${quoteIdent(grid)}`,
    ],
  };
}

/** One formula column; a formula that cannot compile becomes a column of its error. */
function compileColumn(column: FormulaColumn, existing: readonly ColumnInfo[], scope: SqlScope): CompiledColumn {
  const broken = (code: ErrorCode, message: string, span?: Span): CompiledColumn => ({
    name: column.name,
    formula: column.formula,
    type: 'VARCHAR',
    sql: 'CAST(NULL AS VARCHAR)',
    errorSql: `'${code.replaceAll("'", "''")}'`,
    error: { code, message, span },
  });
  if (existing.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
    return broken('#REF!', `There is already a column named ${column.name}.`);
  }
  try {
    const node = parsedFormula(column.formula) ?? parseFormula(column.formula);
    const e = compileFormula(node, scope);
    return { name: column.name, formula: column.formula, type: DUCKDB_TYPE[e.type], sql: e.type === 'empty' ? `CAST(${e.sql} AS VARCHAR)` : e.sql, errorSql: e.err };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return broken(e.code, e.message, e.span);
    return broken('#VALUE!', e instanceof Error ? e.message : String(e));
  }
}
