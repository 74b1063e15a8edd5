import { assertNever, type Block } from '../../../workbook';
import type { RunContext } from '../context';
import { evaluateCell, buildPivot, evaluateSheetBlock } from './cell';
import { runChart } from './chart';
import { runSql } from './sql';
import { ingestTable } from './table';

/**
 * Runs one block by its kind: a table reads its file or URL, a SQL block runs its statement, a
 * cell evaluates, a sheet computes and becomes a table, a pivot groups, a chart aggregates its
 * source and makes its selection a view; table-like blocks then get their formula columns.
 */
export function runBlock(ctx: RunContext, b: Block): Promise<void> {
  switch (b.kind) {
    case 'sql':
      return runSql(ctx, b);
    case 'table':
      return ingestTable(ctx, b);
    case 'cell':
      return evaluateCell(ctx, b);
    case 'sheet':
      return evaluateSheetBlock(ctx, b);
    case 'pivot':
      return buildPivot(ctx, b);
    case 'chart':
      return runChart(ctx, b);
    default:
      return assertNever(b, 'block kind');
  }
}
