import { columnLetters } from '../formula';
import { cellXml } from './cell-xml';
import { worksheetHead, worksheetTail } from './package-parts';
import type { StyleTable } from './styles';
import { columnKind, kindFormat, tableValue } from './table-values';
import type { ExportTable } from './types';
import { MAX_ENTRY_BYTES, type ZipEntry } from './zip-out';

/** Rows of text gathered before they are handed to the zip entry. */
const BATCH_CHARS = 1 << 18;

/** The number formats a table's columns use. */
export function tableFormats(table: ExportTable): string[] {
  return table.columns.map((c) => kindFormat(columnKind(c.type))).filter((f): f is string => f !== undefined);
}

/**
 * Writes a table's rows under a header row of its column names, as they arrive, each chunk
 * released once written. Stops at `maxDataRows` (Excel's last row) or when the part nears what a
 * plain ZIP entry can hold, and says so; the rows' iterator is then closed.
 */
export async function writeTablePart(
  table: ExportTable,
  entry: ZipEntry,
  context: { styles: StyleTable; maxDataRows: number; onRows(n: number): void; signal?: AbortSignal },
): Promise<{ written: number; cut: boolean }> {
  const kinds = table.columns.map((c) => columnKind(c.type));
  const styles = kinds.map((k) => context.styles.styleOf(kindFormat(k)));
  const letters = table.columns.map((_, i) => columnLetters(i));
  const widths = table.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(50, Math.max(10, c.name.length + 2))}" customWidth="1"/>`);
  await entry.write(worksheetHead({ cols: widths.length ? `<cols>${widths.join('')}</cols>` : '', frozenTopRow: true }));
  await entry.write(`<row r="1">${table.columns.map((c, i) => cellXml(`${letters[i]}1`, { t: 's', v: c.name }, 0)).join('')}</row>`);
  let written = 0;
  let cut = false;
  let text = '';
  let sinceProgress = 0;
  outer: for await (const chunk of table.rows) {
    for (const row of chunk) {
      if (written >= context.maxDataRows || entry.bytes + text.length * 3 > MAX_ENTRY_BYTES) {
        cut = true;
        break outer;
      }
      const r = written + 2;
      text += `<row r="${r}">`;
      for (let i = 0; i < kinds.length; i++) {
        const value = tableValue(row[i], kinds[i]!);
        if (value) text += cellXml(`${letters[i]}${r}`, value, styles[i]!);
      }
      text += '</row>';
      written++;
      sinceProgress++;
      if (text.length >= BATCH_CHARS) {
        await entry.write(text);
        text = '';
        context.onRows(sinceProgress);
        sinceProgress = 0;
        context.signal?.throwIfAborted();
      }
    }
  }
  await entry.write(text);
  context.onRows(sinceProgress);
  await entry.write(worksheetTail());
  return { written, cut };
}
