import {
  compileFormula,
  evaluate,
  FormulaError,
  FormulaSyntaxError,
  isRange,
  parseFormula,
  parseIsoDate,
  type CellAddress,
  type EvalContext,
  type FormulaNode,
  type NodeOf,
  type RangeValue,
  type RelationInfo,
  type Scalar,
  type Span,
  type SqlExpr,
  type SqlScope,
  type Value,
} from './formula';

/** What formulas outside a table's rows read from the workbook. */
export interface FormulaWorld {
  /** A named cell's value; undefined when no cell has that name. */
  cell(name: string): Scalar | undefined;
  /** A table-like block by name (its columns, and whether it has DuckDB's rowid). */
  relation(name: string): RelationInfo | undefined;
  /** Every block name, for "did you mean". */
  names(): string[];
}

/** Runs SQL and returns plain rows. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/** A value still waiting for SQL: it flows through formulas like an error, and is never shown. */
export const PENDING = new FormulaError('#CALC!', 'Computing…');

class Pending extends Error {}

/** A sheet's cells, for formulas that read them (its own, or another sheet's by name). */
export interface SheetAccess {
  cell(sheet: string | undefined, address: CellAddress, span: Span): Scalar;
  range(sheet: string | undefined, start: CellAddress, end: CellAddress, span: Span): RangeValue | FormulaError;
}

/**
 * Table calls answered in SQL, by the SQL they compiled to. One instance serves one evaluation
 * (a cell, or all of a sheet's formulas): each round collects the calls whose inputs are known,
 * runs them as one query, and the next round reads their answers.
 */
export class TableCalls {
  private readonly answers = new Map<string, Scalar>();
  private requests = new Map<string, SqlExpr>();
  private readonly clock: () => Date;

  constructor(
    private readonly world: FormulaWorld,
    private readonly runSql: RunSql,
    clock: () => Date = () => new Date(),
  ) {
    this.clock = clock;
  }

  /** The context formulas evaluate in; `sheet` gives them A1 addresses, `more` what a sheet adds (spills, formulas, sheets). */
  context(sheet?: SheetAccess, more?: Partial<EvalContext>): EvalContext {
    const world = this.world;
    return {
      ...more,
      name: (n) => world.cell(n),
      isTable: (n) => world.relation(n) !== undefined,
      names: () => world.names(),
      cell: sheet?.cell,
      range: sheet?.range,
      pushdown: (call) => this.answer(call, sheet),
      now: this.clock,
      random: Math.random,
    };
  }

  /** The answer to a table call, or PENDING (and a request for the next query). */
  private answer(call: NodeOf<'call'>, sheet?: SheetAccess): Scalar {
    let compiled: SqlExpr;
    try {
      compiled = compileFormula(call, this.scope(sheet));
    } catch (e) {
      if (e instanceof Pending) return PENDING;
      if (e instanceof FormulaSyntaxError) return e.toValue();
      throw e;
    }
    const key = `${compiled.type}|${compiled.sql}|${compiled.err ?? ''}`;
    if (this.answers.has(key)) return this.answers.get(key)!;
    this.requests.set(key, compiled);
    return PENDING;
  }

  private scope(sheet?: SheetAccess): SqlScope {
    const world = this.world;
    const known = (v: Scalar) => {
      if (v === PENDING) throw new Pending();
      return v;
    };
    return {
      table: (n) => world.relation(n),
      name: (n) => {
        const v = world.cell(n);
        return v === undefined ? undefined : known(v);
      },
      names: () => world.names(),
      cell: sheet ? (s, a, span) => known(sheet.cell(s, a, span)) : undefined,
    };
  }

  /** Whether the last round asked for answers. */
  get waiting(): boolean {
    return this.requests.size > 0;
  }

  /** Runs what the last round asked for, a batch of scalar subqueries per query. */
  async fetch(): Promise<void> {
    const requests = [...this.requests];
    this.requests = new Map();
    for (let i = 0; i < requests.length; i += 40) await this.fetchBatch(requests.slice(i, i + 40));
  }

  private async fetchBatch(batch: [string, SqlExpr][]): Promise<void> {
    const select = batch.map(([, e], i) => `${valueSql(e)} AS v${i}, ${e.err ?? 'CAST(NULL AS VARCHAR)'} AS e${i}`).join(', ');
    try {
      const row = (await this.runSql(`SELECT ${select}`))[0] ?? {};
      batch.forEach(([key, e], i) => this.answers.set(key, readValue(row[`v${i}`], row[`e${i}`], e)));
    } catch (error) {
      if (batch.length === 1) {
        this.answers.set(batch[0]![0], new FormulaError('#VALUE!', `DuckDB could not compute this: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      // One failing call must not take the others with it: ask again one by one.
      for (const item of batch) await this.fetchBatch([item]);
    }
  }
}

/** Dates come back as ISO text, so they read back exactly. */
function valueSql(e: SqlExpr): string {
  return e.type === 'date' || e.type === 'datetime' ? `CAST(${e.sql} AS VARCHAR)` : e.sql;
}

function readValue(v: unknown, err: unknown, e: SqlExpr): Scalar {
  if (typeof err === 'string') return new FormulaError(err as FormulaError['code']);
  if (v === null || v === undefined) return null;
  switch (e.type) {
    case 'number':
      return Number(v);
    case 'boolean':
      return Boolean(v);
    case 'date':
    case 'datetime':
      return parseIsoDate(String(v)) ?? String(v);
    case 'text':
      return String(v);
    case 'empty':
      return null;
  }
}

/** The most rounds of SQL one evaluation takes (a table call fed by another fed by another …). */
const MAX_ROUNDS = 8;

/**
 * Evaluates until no table call is waiting: `pass` evaluates everything once with the answers
 * known so far; between passes the calls it asked for run in SQL.
 */
export async function evaluateInRounds<T>(calls: TableCalls, pass: () => T): Promise<T> {
  let result = pass();
  for (let round = 0; round < MAX_ROUNDS && calls.waiting; round++) {
    await calls.fetch();
    result = pass();
  }
  return result;
}

/** A formula cell's value: parsed, table calls run in SQL, the rest evaluated here. */
export async function evaluateFormulaCell(text: string, world: FormulaWorld, runSql: RunSql, clock?: () => Date): Promise<Scalar> {
  let node: FormulaNode;
  try {
    node = parseCached(text);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return e.toValue();
    throw e;
  }
  const calls = new TableCalls(world, runSql, clock);
  const ctx = calls.context();
  const value = await evaluateInRounds(calls, () => evaluate(node, ctx));
  return scalarOf(value);
}

const parsed = new Map<string, FormulaNode>();
function parseCached(text: string): FormulaNode {
  let node = parsed.get(text);
  if (!node) {
    node = parseFormula(text);
    if (parsed.size > 2000) parsed.clear();
    parsed.set(text, node);
  }
  return node;
}

/** A formula's result as one value (a 1×1 range is its value; a bigger one #VALUE!). */
export function scalarOf(v: Value): Scalar {
  if (!isRange(v)) return v;
  return v.rows * v.cols === 1 ? v.at(0, 0) : new FormulaError('#VALUE!', `The formula gives ${v.rows}×${v.cols} values; a cell holds one.`);
}
