import { quoteIdent, quoteLiteral, type ColumnInfo } from '../sql';

/** A sort on one column, as a grid header sets it. */
export interface SortSpec {
  column: string;
  direction: 'asc' | 'desc';
}

/** One filter condition, shaped like ag-grid's simple filter models so the grid can pass them on. */
export interface FilterCondition {
  filterType: 'text' | 'number' | 'date';
  type: string;
  filter?: string | number | null;
  filterTo?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}

/** Two or more conditions on one column joined by AND / OR. */
export interface CombinedFilter {
  filterType: 'text' | 'number' | 'date';
  operator: 'AND' | 'OR';
  conditions: FilterCondition[];
}

export type ColumnFilter = FilterCondition | CombinedFilter;

/** What a grid looks at: a table, its sort and its filters. */
export interface TableView {
  table: string;
  sort?: SortSpec[];
  filters?: Record<string, ColumnFilter>;
}

/** A grid's sort and filters, kept on its block in the document so a reload shows the same rows. */
export interface GridView {
  sort?: SortSpec[];
  filters?: Record<string, ColumnFilter>;
}

/** The rows a grid shows, as a query of its table: what its pivot, profile and export read. */
export function shownRowsSql(table: string, filters: Record<string, ColumnFilter> | undefined): string {
  return `SELECT * FROM ${quoteIdent(table)}${whereClause(filters)}`;
}

/**
 * `sql`, which reads `table`, made to read only the rows a grid shows: `table` becomes a CTE of
 * those rows (named apart from the table, since a CTE cannot read a table of its own name).
 */
export function overShownRows(sql: (table: string) => string, table: string, filters: Record<string, ColumnFilter> | undefined): string {
  if (whereClause(filters) === '') return sql(table);
  const shown = '__cellar_shown';
  const cte = `${quoteIdent(shown)} AS (${shownRowsSql(table, filters)})`;
  const body = sql(shown);
  return /^WITH\s/i.test(body) ? `WITH ${cte}, ${body.replace(/^WITH\s+/i, '')}` : `WITH ${cte} ${body}`;
}

/** The WHERE clause for a view's filters, or an empty string. Every value is quoted as a literal. */
export function whereClause(filters: Record<string, ColumnFilter> = {}): string {
  const parts = Object.entries(filters)
    .map(([column, filter]) => filterSql(quoteIdent(column), filter))
    .filter((s): s is string => s !== null);
  return parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '';
}

function filterSql(column: string, filter: ColumnFilter): string | null {
  if ('conditions' in filter) {
    const parts = filter.conditions.map((c) => conditionSql(column, c)).filter((s): s is string => s !== null);
    if (parts.length === 0) return null;
    return `(${parts.join(filter.operator === 'OR' ? ' OR ' : ' AND ')})`;
  }
  return conditionSql(column, filter);
}

function conditionSql(column: string, c: FilterCondition): string | null {
  if (c.type === 'blank') return `(${column} IS NULL${c.filterType === 'text' ? ` OR CAST(${column} AS VARCHAR) = ''` : ''})`;
  if (c.type === 'notBlank') return `(${column} IS NOT NULL${c.filterType === 'text' ? ` AND CAST(${column} AS VARCHAR) <> ''` : ''})`;
  switch (c.filterType) {
    case 'text':
      return textCondition(column, c);
    case 'number':
      return comparison(column, c.type, numberLiteral(c.filter), numberLiteral(c.filterTo));
    case 'date':
      return comparison(column, c.type, dateLiteral(c.dateFrom), dateLiteral(c.dateTo));
  }
}

function textCondition(column: string, c: FilterCondition): string | null {
  if (c.filter === undefined || c.filter === null || c.filter === '') return null;
  const text = `lower(CAST(${column} AS VARCHAR))`;
  const value = String(c.filter).toLowerCase();
  // LIKE patterns would treat % and _ in the value as wildcards; these functions take it literally.
  switch (c.type) {
    case 'contains':
      return `contains(${text}, ${quoteLiteral(value)})`;
    case 'notContains':
      // ag-grid's own negative filters keep blank cells; so do we.
      return `(${column} IS NULL OR NOT contains(${text}, ${quoteLiteral(value)}))`;
    case 'equals':
      return `${text} = ${quoteLiteral(value)}`;
    case 'notEqual':
      return `(${column} IS NULL OR ${text} <> ${quoteLiteral(value)})`;
    case 'startsWith':
      return `starts_with(${text}, ${quoteLiteral(value)})`;
    case 'endsWith':
      return `ends_with(${text}, ${quoteLiteral(value)})`;
    default:
      return null;
  }
}

const COMPARATORS: Record<string, string> = {
  equals: '=',
  notEqual: '<>',
  lessThan: '<',
  lessThanOrEqual: '<=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
};

function comparison(column: string, type: string, value: string | null, valueTo: string | null): string | null {
  if (value === null) return null;
  if (type === 'inRange') return valueTo === null ? null : `${column} BETWEEN ${value} AND ${valueTo}`;
  const op = COMPARATORS[type];
  return op ? `${column} ${op} ${value}` : null;
}

function numberLiteral(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? String(n) : null;
}

function dateLiteral(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  // ag-grid sends 'YYYY-MM-DD hh:mm:ss'; anything else is not a date we pass on.
  const match = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.exec(value);
  return match ? `TIMESTAMP ${quoteLiteral(value)}` : null;
}

/** Sorts by the table's own column (qualified), not the text the grid is shown. */
function orderClause(table: string, sort: SortSpec[] = []): string {
  if (sort.length === 0) return '';
  const keys = sort.map((s) => `${quoteIdent(table)}.${quoteIdent(s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
  return ` ORDER BY ${keys.join(', ')}`;
}

/**
 * How a column is shipped to the grid: values JavaScript shows well stay typed; the rest
 * (dates, decimals, nested types …) are formatted by DuckDB itself, so they read as in SQL.
 */
export function displayExpression(column: ColumnInfo): string {
  const id = quoteIdent(column.name);
  const type = column.type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|BOOLEAN|VARCHAR)$/.test(type)) return id;
  if (type.startsWith('DECIMAL')) return `CAST(${id} AS DOUBLE) AS ${id}`;
  return `CAST(${id} AS VARCHAR) AS ${id}`;
}

/** One page of rows for the grid. */
export function pageSql(view: TableView, columns: ColumnInfo[], offset: number, limit: number): string {
  const select = columns.length > 0 ? columns.map(displayExpression).join(', ') : '*';
  return (
    `SELECT ${select} FROM ${quoteIdent(view.table)}${whereClause(view.filters)}${orderClause(view.table, view.sort)}` +
    ` LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(offset))}`
  );
}

/** The number of rows a view shows. */
export function countSql(view: TableView): string {
  return `SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(view.table)}${whereClause(view.filters)}`;
}
