import { quoteIdent, type ColumnInfo } from '../../../sql';
import { some, type CellAddress, type FormulaNode, type NodeOf } from '../ast';
import { arityProblem, paramAt, type FunctionSpec } from '../catalog';
import { FormulaSyntaxError, isFormulaError, type ErrorCode, type Span } from '../errors';
import { binaryOp, percentOp, unaryOp } from '../operators';
import { functionNames, lookupFunction } from '../functions';
import { withSuggestion } from '../suggest';
import { isRange, type RangeValue, type Scalar } from '../values';
import { anyErr, errorExpr, guard, literal } from './coerce';
import { sqlBinary, sqlPercent, sqlUnary } from './operators';
import { expr, type SqlArg, type SqlExpr, type SqlRange, type SqlType } from './types';

/** A table as formulas see it. */
export interface RelationInfo {
  /** Its FROM item, quoted. */
  from: string;
  columns: readonly ColumnInfo[];
  /** A base table (DuckDB's rowid exists), so "the first match" is the first row. */
  ordered: boolean;
}

/** What a formula compiled to SQL can read. */
export interface SqlScope {
  /**
   * The row a column formula computes (`[qty]` is its value), or with `group` the group a
   * pivot's value aggregates (`SUM([qty])` is bare `sum(qty)`).
   */
  row?: { name: string; relation: RelationInfo; alias: string; group?: boolean };
  /** Another table, by its block name. */
  table(name: string): RelationInfo | undefined;
  /** A named cell's value, inlined as a quoted literal; undefined when no cell has that name. */
  name(name: string): Scalar | RangeValue | undefined;
  /** Every name, for "did you mean". */
  names(): Iterable<string>;
  /** A sheet's cell value, when a sheet formula's table call is compiled. */
  cell?(sheet: string | undefined, address: CellAddress, span: Span): Scalar;
  /**
   * Whether parts whose inputs are all constants are computed while compiling (with the scalar
   * forms, which agree with the SQL ones): `">" & min_distance` becomes the criterion ">500".
   * On unless a test turns it off to exercise the SQL forms with literal inputs.
   */
  fold?: boolean;
}

/** The rows a range argument reads, while its expression is compiled. */
interface RangeContext {
  relation: string;
  info: RelationInfo;
  alias: string;
  inline: boolean;
}

/** DuckDB's type name → how a formula sees it. */
export function formulaType(duckType: string): SqlType {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(t)) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'datetime';
  return 'text';
}

/** A column of a relation as a typed, nullable expression (numbers as DOUBLE, as Excel has them). */
export function columnExpr(alias: string, column: ColumnInfo): SqlExpr {
  // No alias: bare names (DuckDB's PIVOT refuses qualified columns in its aggregates).
  const ref = alias ? `${alias}.${quoteIdent(column.name)}` : quoteIdent(column.name);
  const type = formulaType(column.type);
  const t = column.type.toUpperCase();
  if (type === 'number') return expr(t === 'DOUBLE' ? ref : `CAST(${ref} AS DOUBLE)`, 'number', null, true);
  if (type === 'datetime') return expr(t === 'TIMESTAMP' ? ref : `CAST(${ref} AS TIMESTAMP)`, 'datetime', null, true);
  if (type === 'text') return expr(t === 'VARCHAR' ? ref : `CAST(${ref} AS VARCHAR)`, 'text', null, true);
  return expr(ref, type, null, true);
}

/**
 * Compiles a formula to a DuckDB expression with its error expression. Throws a
 * FormulaSyntaxError (with its error code and place) for what no row can fix: an unknown name,
 * function or column, wrong arguments.
 */
export function compileFormula(node: FormulaNode, scope: SqlScope): SqlExpr {
  return new Compiler(scope).compile(node, undefined);
}

class Compiler {
  private aliases = 0;
  constructor(private readonly scope: SqlScope) {}

  private fail(code: ErrorCode, message: string, span: Span): never {
    throw new FormulaSyntaxError(message, span, code);
  }

  private alias(): string {
    this.aliases += 1;
    return `_r${this.aliases}`;
  }

  compile(node: FormulaNode, range: RangeContext | undefined): SqlExpr {
    switch (node.type) {
      case 'number':
      case 'string':
      case 'boolean':
        return literal(node.value);
      case 'error':
        return errorExpr(node.code);
      case 'empty':
        return literal(null);
      case 'name':
        return this.name(node);
      case 'column':
        return this.column(node, range);
      case 'cell': {
        if (!this.scope.cell) return this.fail('#REF!', 'Cell addresses only work inside a sheet, or as sheet!A1.', node.span);
        return literal(this.scope.cell(node.sheet, node.address, node.span));
      }
      case 'range':
        return this.fail('#VALUE!', 'A sheet range cannot be combined with a table here; use the sheet as a table instead.', node.span);
      case 'array':
        return this.fail('#VALUE!', 'An array constant cannot be used in a formula computed by SQL.', node.span);
      case 'unary': {
        // -1 stays a constant, so arguments SQL needs as constants (XLOOKUP's modes) can be negative.
        const arg = this.compile(node.arg, range);
        if (typeof arg.constant === 'number') return literal(node.op === '-' ? -arg.constant : arg.constant);
        if (this.folds(arg)) return literal(unaryOp(node.op, arg.constant!));
        return sqlUnary(node.op, arg);
      }
      case 'percent': {
        const arg = this.compile(node.arg, range);
        if (typeof arg.constant === 'number') return literal(arg.constant / 100);
        if (this.folds(arg)) return literal(percentOp(arg.constant!));
        return sqlPercent(arg);
      }
      case 'binary': {
        const [left, right] = [this.compile(node.left, range), this.compile(node.right, range)];
        if (this.folds(left, right)) return literal(binaryOp(node.op, left.constant!, right.constant!));
        return sqlBinary(node.op, left, right);
      }
      case 'call':
        return this.call(node, range);
    }
  }

  /** Whether these compiled parts are all constants and folding is on. */
  private folds(...parts: (SqlArg | undefined)[]): boolean {
    return this.scope.fold !== false && parts.every((p) => p?.kind === 'expr' && p.constant !== undefined);
  }

  private name(node: NodeOf<'name'>): SqlExpr {
    const v = this.scope.name(node.name);
    if (v !== undefined) {
      if (isRange(v)) return this.fail('#VALUE!', `${node.name} holds several values; one is expected here.`, node.span);
      return literal(v);
    }
    if (this.scope.table(node.name)) {
      return this.fail('#VALUE!', `${node.name} is a table; use it in a function that takes a range, as in ROWS(${node.name}).`, node.span);
    }
    return this.fail('#NAME?', withSuggestion(`Unknown name ${node.name}: no cell is called that`, node.name, this.scope.names()), node.span);
  }

  private columnOf(info: RelationInfo, table: string, name: string, span: Span): ColumnInfo {
    const exact = info.columns.find((c) => c.name === name) ?? info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (exact) return exact;
    return this.fail('#REF!', withSuggestion(`${table} has no column ${name}`, name, info.columns.map((c) => c.name)), span);
  }

  private isOwnTable(name: string | undefined): boolean {
    return name === undefined || name.toLowerCase() === this.scope.row?.name.toLowerCase();
  }

  private column(node: NodeOf<'column'>, range: RangeContext | undefined): SqlExpr {
    const row = this.scope.row;
    const written = `${node.table ?? ''}[${node.thisRow ? '@' : ''}${node.column}]`;
    if (node.thisRow || (!range && this.isOwnTable(node.table))) {
      // This row's value.
      if (!row) return this.fail('#REF!', `${written} needs a table row; outside a table's column formula, write table[${node.column}].`, node.span);
      if (!this.isOwnTable(node.table)) return this.fail('#REF!', `${written}: this row belongs to ${row.name}, not ${node.table}.`, node.span);
      if (row.group) return this.fail('#VALUE!', `In a pivot's value, ${written} must be inside an aggregate, as in SUM([${node.column}]).`, node.span);
      return columnExpr(row.alias, this.columnOf(row.relation, row.name, node.column, node.span));
    }
    if (!range) {
      return this.fail('#VALUE!', `${written} is a whole column; use it inside a function such as SUM(${written}).`, node.span);
    }
    const table = node.table ?? row!.name;
    if (table.toLowerCase() !== range.relation) {
      return this.fail('#VALUE!', `${written} is in ${table}, but this function's other ranges are in ${range.relation}: its ranges must come from one table.`, node.span);
    }
    return columnExpr(range.alias, this.columnOf(range.info, table, node.column, node.span));
  }

  /** The table a range argument reads (own table for `[col]`), or undefined for a plain value. */
  private rangeTable(arg: FormulaNode): { name: string; span: Span } | undefined {
    let found: { name: string; span: Span } | undefined;
    some(arg, (n) => {
      if (n.type === 'column' && !n.thisRow) {
        const name = n.table ?? this.scope.row?.name;
        if (!name) return this.fail('#REF!', `[${n.column}] needs a table; write table[${n.column}].`, n.span);
        found = { name, span: n.span };
        return true;
      }
      if (n.type === 'name' && this.scope.name(n.name) === undefined && this.scope.table(n.name)) {
        found = { name: n.name, span: n.span };
        return true;
      }
      return false;
    });
    return found;
  }

  private relation(name: string, span: Span): RelationInfo {
    const row = this.scope.row;
    if (row && name.toLowerCase() === row.name.toLowerCase()) return row.relation;
    const info = this.scope.table(name);
    if (!info) return this.fail('#REF!', withSuggestion(`No table is called ${name}`, name, this.scope.names()), span);
    return info;
  }

  private call(node: NodeOf<'call'>, range: RangeContext | undefined): SqlExpr {
    const spec = lookupFunction(node.name);
    if (!spec) return this.fail('#NAME?', withSuggestion(`Unknown function ${node.name}`, node.name, functionNames()), node.nameSpan);
    const problem = arityProblem(spec, node.args.length);
    if (problem) return this.fail('#N/A', problem, node.nameSpan);
    if (!spec.sql) return this.fail('#VALUE!', `${spec.name} cannot be computed by SQL (in a column formula, or over a table).`, node.nameSpan);

    let own: RangeContext | undefined;
    const args: (SqlArg | undefined)[] = node.args.map((arg, i) => {
      if (paramAt(spec, i)?.kind !== 'range') return this.compile(arg, range);
      const table = this.rangeTable(arg);
      if (!table) return this.compile(arg, range);
      if (!own) {
        const row = this.scope.row;
        const relation = table.name.toLowerCase();
        const inline = !!row?.group && relation === row.name.toLowerCase();
        own = { relation, info: this.relation(table.name, table.span), alias: inline ? row!.alias : this.alias(), inline };
      } else if (own.relation !== table.name.toLowerCase()) {
        return this.fail('#VALUE!', `${spec.name} reads ${own.relation} and ${table.name}: its ranges must come from one table.`, table.span);
      }
      if (arg.type === 'name') {
        const columns = own.info.columns.map((c) => columnExpr(own!.alias, c));
        return this.range(own, columns);
      }
      return this.range(own, [this.compile(arg, own)]);
    });
    if (!spec.volatile && args.length > 0 && this.folds(...args)) {
      const folded = this.fold(spec, args as SqlExpr[]);
      if (folded) return folded;
    }
    const out = spec.sql(args, { alias: () => this.alias() });
    if (spec.propagate === false) return out;
    // Value arguments' errors come first, as in the scalar form.
    const valueErrs = args.filter((a, i): a is SqlExpr => a?.kind === 'expr' && paramAt(spec, i)?.kind !== 'range');
    const err = anyErr(...valueErrs, out.err);
    return err === out.err ? out : expr(guard(out.sql, err), out.type, err, out.nullable);
  }

  /** A call whose arguments are all constants, computed with its scalar form (as the evaluator calls it). */
  private fold(spec: FunctionSpec, args: SqlExpr[]): SqlExpr | undefined {
    const values = args.map((a) => a.constant as Scalar);
    if (spec.propagate !== false) {
      const error = values.find((v, i) => paramAt(spec, i)?.kind !== 'range' && isFormulaError(v));
      if (error !== undefined) return literal(error);
    }
    try {
      const v = spec.scalar(values, { now: () => new Date(), random: Math.random });
      return isRange(v) ? undefined : literal(v);
    } catch {
      return undefined; // left to SQL, which reports it per row
    }
  }

  private range(ctx: RangeContext, columns: SqlExpr[]): SqlRange {
    return { kind: 'range', relation: ctx.relation, from: ctx.info.from, alias: ctx.alias, columns, ordered: ctx.info.ordered, inline: ctx.inline };
  }
}
