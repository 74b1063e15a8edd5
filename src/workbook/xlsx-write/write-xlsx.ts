import type { FormulaScope } from './formula-text';
import { contentTypesXml, rootRelsXml, workbookRelsXml, workbookXml, worksheetPath } from './package-parts';
import { addSheetStyles, sheetRowCount, writeSheetPart } from './sheet-part';
import { worksheetNames } from './sheet-names';
import { createStyleTable } from './styles';
import { tableFormats, writeTablePart } from './table-part';
import type { ExportPart, ExportSheet, WriteOptions, WriteResult, XlsxSink } from './types';
import { createZipOut } from './zip-out';

/** Excel's last row is 1,048,576; a table's header takes the first. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const NOT_EXPORTED = 'Not exported';
/** A defined name Excel accepts: starts with a letter, `_` or `\`, and is not a cell address. */
const DEFINED_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

/**
 * Writes the parts as an .xlsx to the sink, streamed: each sheet block a worksheet (formulas as
 * Excel text with Cellar's values cached, formats, widths, merges), each table a worksheet of its
 * rows (cut at Excel's last row and reported), then "Not exported" when the import left things
 * out. Worksheet names are made valid for Excel, kept when they already are. The sink gets the
 * bytes as they are made and is closed at the end; on a failure it is aborted (a web stream).
 */
export async function writeXlsx(parts: ExportPart[], sink: XlsxSink, options: WriteOptions = {}): Promise<WriteResult> {
  const leftOut = options.leftOut?.filter((line) => line.trim() !== '') ?? [];
  const wanted = parts.map((p) => p.name).concat(leftOut.length ? [NOT_EXPORTED] : []);
  if (wanted.length === 0) throw new Error('Nothing to export: the workbook has no sheet, table, SQL or pivot block.');
  const sheets = worksheetNames(wanted);
  const maxDataRows = options.maxDataRows ?? EXCEL_MAX_DATA_ROWS;
  const names = new Map(Object.entries(options.names ?? {}).filter(([name]) => DEFINED_NAME.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)));
  const scope: FormulaScope = {
    worksheets: new Map(parts.map((p, i) => [(p.block ?? p.name).toLowerCase(), sheets[i]!])),
    names: new Set([...names.keys()].map((n) => n.toLowerCase())),
  };
  // Every format is known before any row is written, so styles.xml goes first, as Excel writes it.
  const styles = createStyleTable();
  for (const p of parts) if (p.kind === 'sheet') addSheetStyles(p, styles);
  else for (const f of tableFormats(p)) styles.styleOf(f);

  const total = parts.reduce((n, p) => n + (p.kind === 'sheet' ? sheetRowCount(p) : Math.min(p.totalRows, maxDataRows) + 1), 0) + leftOut.length;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };

  const result: WriteResult = { sheets, truncated: [], valuesOnly: [] };
  const zip = createZipOut(options.signal ? abortable(sink, options.signal) : sink, options.level);
  try {
    await zip.add('[Content_Types].xml', contentTypesXml(sheets.length));
    await zip.add('_rels/.rels', rootRelsXml());
    await zip.add('xl/workbook.xml', workbookXml(sheets, names));
    await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
    await zip.add('xl/styles.xml', styles.xml());
    for (const [i, part] of parts.entries()) {
      options.signal?.throwIfAborted();
      const entry = zip.entry(worksheetPath(i + 1));
      if (part.kind === 'sheet') {
        await writeSheetPart(part, sheets[i]!, entry, { scope, styles, valuesOnly: result.valuesOnly, onRow: () => progress(1) });
      } else {
        const { written, cut } = await writeTablePart(part, entry, { styles, maxDataRows, onRows: progress, signal: options.signal });
        progress(1);
        if (cut) result.truncated.push({ name: sheets[i]!, rows: Math.max(part.totalRows, written + 1) });
      }
      await entry.close();
    }
    if (leftOut.length) {
      const entry = zip.entry(worksheetPath(sheets.length));
      await writeSheetPart(notExported(leftOut), sheets.at(-1)!, entry, { scope, styles, valuesOnly: result.valuesOnly, onRow: () => progress(1) });
      await entry.close();
    }
    await zip.finish();
  } catch (e) {
    await zip.abort(e).catch(() => undefined);
    throw e;
  }
  return result;
}

/** The "Not exported" worksheet: one line of what the import left out per row, in column A. */
function notExported(lines: string[]): ExportSheet {
  const values = Object.fromEntries(lines.map((line, i) => [`A${i + 1}`, { type: 'text', value: line } as const]));
  return { kind: 'sheet', name: NOT_EXPORTED, cells: {}, values, widths: { A: 100 } };
}

/** The sink, written only while the signal has not fired. */
function abortable(sink: XlsxSink, signal: AbortSignal): XlsxSink {
  if (typeof WritableStream !== 'undefined' && sink instanceof WritableStream) return sink;
  const plain = sink as Exclude<XlsxSink, WritableStream<Uint8Array>>;
  return {
    write(chunk) {
      signal.throwIfAborted();
      return plain.write(chunk);
    },
    close: () => plain.close?.(),
    abort: (reason: unknown) => plain.abort?.(reason),
  };
}
