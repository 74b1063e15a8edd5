import type { Table } from 'apache-arrow';
import { toRows, type ColumnInfo, type Engine } from '../../../engine';
import {
  chartStatsSql,
  ChartSpecError,
  compileChart,
  findBlock,
  MAX_POINTS,
  readChartStats,
  rowCountSql,
  selectionPredicate,
  selectionViewSql,
  selectModeFor,
  type ChartBlock,
  type SelectMode,
  type TopCategories,
} from '../../../workbook';
import { BlockFailure, sameColumns, toBlockError, type BlockRun, type ChartView } from '../../block-runs';
import type { RunContext } from '../context';

/** Bytes of an Arrow result as it crossed from DuckDB's worker. */
const arrowBytes = (table: Table) => table.batches.reduce((n, batch) => n + batch.data.byteLength, 0);

/**
 * Runs a chart: its data (aggregated, binned or sampled in DuckDB; two queries, the first for
 * the row count and bin extents), then its own table, a view of the source's rows inside the
 * selection, with that view's row count.
 */
export async function runChart(ctx: RunContext, b: ChartBlock): Promise<void> {
  const { engine, runOf, patchRun, signal } = ctx;
  const node = ctx.node(b.id);
  const source = findBlock(ctx.doc(), b.source);
  if (!source || source.kind === 'cell') throw new BlockFailure({ kind: 'sql', message: 'The block this chart draws is gone: pick another source.' });
  const columns: ColumnInfo[] = runOf(source.id).columns ?? (await engine.catalog.describe(source.name));
  const select = b.select === 'none' ? undefined : (b.select ?? selectModeFor(b.spec));
  const key = JSON.stringify([b.spec, select, source.id, runOf(source.id).revision]);
  const patch: Partial<BlockRun> = {};
  const current = runOf(b.id);
  if (node.dataKey !== key || !current.chart) {
    node.dataKey = undefined;
    const chart = await computeChart(engine, b, select, { name: source.name, columns }, signal).catch((e: unknown) => {
      if (signal.aborted) throw e;
      throw new BlockFailure({ ...toBlockError(e), kind: e instanceof ChartSpecError ? 'sql' : toBlockError(e).kind });
    });
    if (signal.aborted) return;
    patch.chart = chart.view;
    patch.sql = chart.sql;
    node.dataKey = key;
  }
  const predicate = selectionPredicate(b.spec, b.selection, columns);
  await engine.query(selectionViewSql(b.name, source.name, predicate), {}, { signal });
  const counted = await engine.query(rowCountSql(b.name), {}, { signal });
  if (signal.aborted) return;
  patchRun(b.id, { ...patch, rows: Number(counted.getChildAt(0)?.get(0) ?? 0), columns: sameColumns(current.columns, columns), revision: current.revision + 1 });
}

async function computeChart(engine: Engine, b: ChartBlock, select: SelectMode | undefined, source: { name: string; columns: ColumnInfo[] }, signal: AbortSignal): Promise<{ view: ChartView; sql: string }> {
  const statsTable = await engine.query(chartStatsSql(b.spec, source), {}, { signal });
  const stats = readChartStats(toRows(statsTable)[0] ?? {});
  const plan = compileChart(b.spec, source, stats, { select });
  const table = await engine.query(plan.sql, {}, { signal });
  const values = toRows(table);
  const truncated = plan.aggregated && values.length > MAX_POINTS;
  if (truncated) values.length = MAX_POINTS;
  return {
    sql: plan.sql,
    view: { vegaLite: plan.top ? saysTop(plan.vegaLite, plan.top, values) : plan.vegaLite, values, bytes: arrowBytes(table), ...(plan.sampledFrom ? { sampledFrom: plan.sampledFrom } : {}), ...(truncated ? { truncated } : {}), ...(plan.select ? { select: plan.select } : {}) },
  };
}

/**
 * A chart that draws the top N of more categories says so, on the chart (a subtitle, also in its
 * PNG and SVG) and in `usermeta.top.of` for the note under it.
 */
function saysTop(vegaLite: Record<string, unknown>, top: TopCategories, values: Record<string, unknown>[]): Record<string, unknown> {
  const of = new Set(values.map((v) => v[top.channel])).size;
  if (of <= top.n) return vegaLite;
  const title = vegaLite.title;
  const text = typeof title === 'string' ? title : isRecord(title) ? title.text : undefined;
  const subtitle = `Top ${top.n} of ${of} by ${top.title}`;
  return { ...vegaLite, title: { ...(isRecord(title) ? title : {}), text: text ?? '', subtitle }, usermeta: { ...(vegaLite.usermeta as object), top: { ...top, of } } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
