import type { RecordBatch } from 'apache-arrow';
import { openSink, streamBatches, type ExportProgress } from '../engine/export';
import { addressKey, EMPTY, isRelationBlock, NUMBER, spreadsheetRowsSql, typedValue, type SheetBlock } from '../workbook';
import { isDate, isFormulaError, isFormulaText, type Scalar } from '../workbook/formula';
import { writeXlsx, type ExportPart, type ExportValue, type StoredCells } from '../workbook/xlsx-write';
import type { LocalEngine } from './runtime/context';
import type { Runtime } from './runtime/runtime';
import { useWorkbook } from './workbook-store';

export interface XlsxExportDone {
  file: string;
  savedAs: 'file' | 'download';
  /** Tables cut at Excel's 1,048,576 rows: export them as CSV or Parquet for all of their rows. */
  truncated: { name: string; rows: number }[];
  /** Sheet formulas Excel could not read, written as their values. */
  valuesOnly: number;
}

/**
 * The open workbook as one .xlsx: each sheet block a worksheet (its formulas, their values cached,
 * formats, widths, merges; an imported one under its worksheet's name), each table, SQL and pivot
 * block a worksheet of its rows streamed out of DuckDB. `undefined` when the save dialog was closed.
 */
export async function exportWorkbookXlsx(options: { signal?: AbortSignal; onProgress?(progress: ExportProgress): void } = {}): Promise<XlsxExportDone | undefined> {
  const { doc, runtime } = useWorkbook.getState();
  const file = `${doc.title.replace(/[\\/:*?"<>|]+/g, '_') || 'workbook'}.xlsx`;
  const sink = await openSink({ name: file, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'Excel workbook' });
  if (!sink) return undefined;
  const engine = await runtime.engine();
  const parts: ExportPart[] = [];
  const leftOut: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'sheet') {
      parts.push(sheetPart(b, runtime));
      leftOut.push(...(b.leftOut ?? []));
      continue;
    }
    const run = runtime.runOf(b.id);
    if (!isRelationBlock(b) || b.kind === 'chart' || run.status !== 'ok' || !run.columns) continue;
    parts.push({ kind: 'table', name: b.name, block: b.name, columns: run.columns, rows: rowsOf(engine, spreadsheetRowsSql(b.name, run.columns), options.signal), totalRows: run.rows ?? 0 });
  }
  try {
    const result = await writeXlsx(parts, sink, {
      leftOut,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.({ done, total }),
    });
    return { file, savedAs: sink.kind, truncated: result.truncated, valuesOnly: result.valuesOnly.length };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/** A sheet block as a worksheet: its cells as typed, their computed values cached. */
function sheetPart(b: SheetBlock, runtime: Runtime): ExportPart {
  const values: Record<string, ExportValue> = {};
  const node = runtime.node(b.id);
  for (const [key, v] of node.sheetValues ?? []) values[key] = exportValue(v);
  const data = node.sheetData;
  // A big sheet's stored cells are read row by row as the worksheet is written, the person's edits over them.
  const stored: StoredCells | undefined = data && {
    rows: data.rows,
    cols: data.cols,
    formats: data.formatCodes,
    at(row, col) {
      const i = col * data.rows + row;
      const kind = data.kind[i];
      if (kind === EMPTY) return undefined;
      const f = data.format[i]!;
      const format = f === 0 ? undefined : data.formatCodes[f - 1];
      if (kind === NUMBER) return { text: String(data.num[i]), value: { type: 'number', value: data.num[i]! }, format };
      const text = data.text.get(i)!;
      // A stored formula's value was computed with the rest (values); a constant is typed as a sheet types it.
      const value = values[addressKey(row, col)] ?? exportValue(isFormulaText(text) ? null : typedValue(text));
      return { text, value, format };
    },
  };
  return {
    kind: 'sheet',
    name: b.origin?.sheet ?? b.name,
    block: b.name,
    cells: b.cells,
    values,
    ...(stored ? { stored } : {}),
    ...(b.formats ? { formats: b.formats } : {}),
    ...(b.widths ? { widths: b.widths } : {}),
    ...(b.merges ? { merges: b.merges } : {}),
    ...(b.freeze ? { freeze: b.freeze } : {}),
    ...(b.styles ? { styles: b.styles } : {}),
  };
}

function exportValue(v: Scalar): ExportValue {
  if (v === null) return { type: 'empty' };
  if (isFormulaError(v)) return { type: 'error', value: v.code };
  if (isDate(v)) return { type: 'number', value: v.serial };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  return { type: 'text', value: v };
}

/**
 * A query's rows, chunk by chunk, pulled by the writer: DuckDB computes the next Arrow batch only
 * once the writer has taken the last one, so a million rows never sit in the page at once.
 */
function rowsOf(engine: LocalEngine, sql: string, signal?: AbortSignal): AsyncIterable<unknown[][]> {
  return {
    [Symbol.asyncIterator]() {
      const stop = new AbortController();
      signal?.addEventListener('abort', () => stop.abort(), { once: true });
      let slot: unknown[][] | undefined;
      let finished = false;
      let failure: unknown;
      let wakeReader: (() => void) | undefined;
      let wakeWriter: (() => void) | undefined;
      const wake = () => (wakeReader?.(), (wakeReader = undefined));
      void streamBatches(engine, sql, async (batch: RecordBatch) => {
        slot = batch.toArray().map((row) => row.toArray() as unknown[]);
        wake();
        await new Promise<void>((resolve) => (wakeWriter = resolve));
      }, stop.signal).then(
        () => ((finished = true), wake()),
        (e: unknown) => ((failure = e), (finished = true), wake()),
      );
      return {
        async next(): Promise<IteratorResult<unknown[][]>> {
          wakeWriter?.(); // the last chunk is taken: DuckDB may make the next
          wakeWriter = undefined;
          while (slot === undefined && !finished) await new Promise<void>((resolve) => (wakeReader = resolve));
          if (slot !== undefined) {
            const rows = slot;
            slot = undefined;
            return { value: rows, done: false };
          }
          if (failure && !stop.signal.aborted) throw failure;
          return { value: undefined, done: true };
        },
        async return(): Promise<IteratorResult<unknown[][]>> {
          stop.abort(); // the writer stopped early (a table cut at Excel's last row)
          wakeWriter?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
