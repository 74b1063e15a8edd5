import { csvRows, exportQuery, openSink, type ExportProgress } from '../engine/export';
import { selectAllSql, type BlockId } from '../workbook';
import { useWorkbook } from './workbook-store';

/** `csv` and `parquet` export a table-like block's rows; `chart-csv` the rows a chart draws. */
export type ExportKind = 'csv' | 'parquet' | 'chart-csv';

export interface ExportRequest {
  kind: ExportKind;
  /** CSV: the formula-injection guard (a leading `'` before `=`, `+`, `-`, `@`, tab, CR). */
  guard: boolean;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
}

export interface ExportDone {
  file: string;
  rows: number;
  /** `file`: written straight to disk; `download`: a Blob the browser downloads. */
  savedAs: 'file' | 'download';
}

const EXPORTABLE = new Set(['table', 'sql', 'pivot']);

/**
 * Exports a block's result, streamed out of the page's DuckDB (src/engine/export), or a chart's
 * data. `undefined` when the person closed the save dialog. Call it straight from the click: the
 * save dialog needs the click's user activation.
 */
export async function exportBlock(id: BlockId, request: ExportRequest): Promise<ExportDone | undefined> {
  const { doc, runtime } = useWorkbook.getState();
  const block = doc.blocks.find((b) => b.id === id);
  const run = runtime.runOf(id);
  if (!block) throw new Error('That block is gone: nothing to export.');
  if (request.kind === 'chart-csv') {
    const values = run.chart?.values;
    if (!values) throw new Error(`${block.name} has no chart drawn yet: run it, then export its data.`);
    const file = `${block.name}.csv`;
    const sink = await openSink({ name: file, type: 'text/csv', description: 'CSV' });
    if (!sink) return undefined;
    await sink.write(new TextEncoder().encode((request.guard ? '\uFEFF' : '') + csvRows(values, { guard: request.guard })));
    await sink.close();
    return { file, rows: values.length, savedAs: sink.kind };
  }
  if (!EXPORTABLE.has(block.kind)) throw new Error(`A ${block.kind} block has no rows to export; tables, SQL results and pivots do.`);
  if (run.status !== 'ok' || !run.columns) throw new Error(`${block.name} has no result to export (it is ${run.status === 'idle' ? 'not run' : run.status}): run it first.`);
  if (run.where && run.where.browser !== 'full') {
    throw new Error(`${block.name}'s rows are on the server, not all in this browser: run it in the browser to export it, or export it from the server.`);
  }
  const parquet = request.kind === 'parquet';
  const file = `${block.name}.${parquet ? 'parquet' : 'csv'}`;
  const sink = await openSink(parquet ? { name: file, type: 'application/vnd.apache.parquet', description: 'Parquet' } : { name: file, type: 'text/csv', description: 'CSV' });
  if (!sink) return undefined;
  const engine = await runtime.engine();
  const rows = await exportQuery(engine, selectAllSql(block.name), {
    format: parquet ? 'parquet' : 'csv',
    sink,
    guard: request.guard,
    // A CSV meant for a spreadsheet starts with a byte order mark, so Excel reads it as UTF-8.
    bom: !parquet && request.guard,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  return { file, rows, savedAs: sink.kind };
}
