import { daySpanSql, findBlock, suggestChart, suggestedTimeColumn, type BlockId, type ChartSpec, type WorkbookDocument } from '../workbook';
import type { Runtime } from './runtime/runtime';

/** A first chart for a block: from its column types, and the span of its first time column. */
export async function suggestFor(runtime: Runtime, doc: WorkbookDocument, source: BlockId): Promise<ChartSpec> {
  const columns = runtime.runOf(source).columns ?? [];
  const time = suggestedTimeColumn(columns);
  const name = findBlock(doc, source)?.name;
  let span: number | undefined;
  if (time && name) {
    span = await runtime
      .engine()
      .then((engine) => engine.query(daySpanSql(name, time.name)))
      .then((t) => Number(t.getChildAt(0)?.get(0) ?? 0), () => undefined);
  }
  return suggestChart(columns, span);
}
