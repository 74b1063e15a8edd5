import type { Block, BlockId } from '../workbook';

/** What Add chart needs to know of a block's run. */
interface RunShape {
  columns?: unknown;
  rows?: number;
}

/**
 * The block Add chart draws, so the chart is named after what it draws from the start: the last
 * table-like block with rows. An empty one (a sheet just added, a query that matched nothing)
 * has nothing to draw: charting it left the person to pick the table they meant in the chart's
 * form, under the empty block's name (`sheet1_chart` drawing flights_3m). When no block has rows,
 * the last table-like block, so the button still does something.
 */
export function chartSource(blocks: readonly Block[], runs: Readonly<Record<string, RunShape | undefined>>): BlockId | undefined {
  const tables = blocks.filter((b) => b.kind !== 'cell' && b.kind !== 'chart' && runs[b.id]?.columns);
  return (tables.findLast((b) => runs[b.id]?.rows !== 0) ?? tables.at(-1))?.id;
}
