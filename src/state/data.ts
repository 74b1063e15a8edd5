import { toRows, type ColumnInfo, type Row } from '../engine';
import {
  countSql,
  histogramSql,
  overShownRows,
  pageSql,
  profileShape,
  summarySql,
  topValuesSql,
  type ColumnFilter,
  type TableView,
} from '../workbook';
import { getEngine } from './engine';

/** Rows `start` to `end` of a view, for the grid's infinite row model. */
export async function fetchPage(view: TableView, columns: ColumnInfo[], start: number, end: number, signal?: AbortSignal): Promise<Row[]> {
  const engine = await getEngine();
  return toRows(await engine.query(pageSql(view, columns, start, end - start), {}, { signal }));
}

/** How many rows a view shows, with its filters applied. */
export async function countRows(view: TableView, signal?: AbortSignal): Promise<number> {
  const engine = await getEngine();
  const result = await engine.query(countSql(view), {}, { signal });
  return Number(result.get(0)?.n ?? 0);
}

export interface ColumnProfile {
  total: number;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  histogram?: { bin: number; count: number; lo: number; hi: number }[];
  topValues?: { value: string | null; count: number }[];
}

/** A column's profile, computed in SQL when a person asks for it: of the rows the grid shows, with its filters. */
export async function profileColumn(table: string, column: ColumnInfo, filters?: Record<string, ColumnFilter>): Promise<ColumnProfile> {
  const engine = await getEngine();
  const shape = profileShape(column.type);
  const [summary, distribution] = await Promise.all([
    engine.query(overShownRows((t) => summarySql(t, column), table, filters)),
    engine.query(overShownRows((t) => (shape === 'histogram' ? histogramSql(t, column) : topValuesSql(t, column)), table, filters)),
  ]);
  const s = toRows(summary)[0] ?? {};
  const rows = toRows(distribution);
  return {
    total: Number(s.total ?? 0),
    nulls: Number(s.nulls ?? 0),
    distinct: Number(s.distinct ?? 0),
    min: (s.min as string | null) ?? null,
    max: (s.max as string | null) ?? null,
    ...(shape === 'histogram'
      ? { histogram: fillBins(rows.map((r) => ({ bin: Number(r.bin), count: Number(r.count), lo: Number(r.lo), hi: Number(r.hi) }))) }
      : { topValues: rows.map((r) => ({ value: (r.value as string | null) ?? null, count: Number(r.count) })) }),
  };
}

/** SQL returns only the bins that have rows; the chart needs the empty ones too, in place. */
function fillBins(bins: NonNullable<ColumnProfile['histogram']>): NonNullable<ColumnProfile['histogram']> {
  if (bins.length === 0) return bins;
  const { lo, hi } = bins[0]!;
  const last = Math.max(...bins.map((b) => b.bin));
  const byBin = new Map(bins.map((b) => [b.bin, b.count]));
  return Array.from({ length: last + 1 }, (_, bin) => ({ bin, count: byBin.get(bin) ?? 0, lo, hi }));
}

/** Runs SQL and returns plain rows: the console's and the tests' way in. */
export async function queryRows(sql: string): Promise<Row[]> {
  const engine = await getEngine();
  return toRows(await engine.query(sql));
}
