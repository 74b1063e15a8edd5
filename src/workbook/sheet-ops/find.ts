import type { BlockId, SheetBlock, WorkbookDocument } from '../document';
import { addressKey, parseAddress } from '../sheet';
import { EMPTY, NUMBER, type SheetData } from '../sheet-data';
import { SheetOpError } from './errors';
import { sheetOf } from './rows-cols';

export interface FindOptions {
  /** `Apple` does not match `apple`. */
  matchCase?: boolean;
  /** The cell's whole text must be the query, not just contain it. */
  wholeCell?: boolean;
  /** Look in what cells show (computed values) or in what was typed (formulas); formulas by default. */
  lookIn?: 'formulas' | 'values';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern for `query`: anywhere in a text, or the whole text. */
function pattern(query: string, options: FindOptions, global: boolean): RegExp {
  if (query === '') throw new SheetOpError('Type something to find.');
  const body = options.wholeCell ? `^${escape(query)}$` : escape(query);
  return new RegExp(body, `${options.matchCase ? '' : 'i'}${global ? 'g' : ''}`);
}

/** Addresses in reading order: row by row, left to right. */
function readingOrder(keys: string[]): string[] {
  return keys
    .map((k) => ({ k, p: parseAddress(k) }))
    .filter((x) => x.p !== undefined)
    .sort((a, b) => a.p!.row - b.p!.row || a.p!.col - b.p!.col)
    .map((x) => x.k);
}

/** A big sheet's replace-all changes at most this many stored cells (each becomes an edit kept in the workbook). */
export const MAX_REPLACED_STORED = 10_000;

/** Visits a big sheet's stored cells not covered by the person's, in reading order (row by row). */
function eachStoredInOrder(sheet: SheetBlock, data: SheetData | undefined, visit: (key: string, raw: string, hasFormat: boolean) => void): void {
  if (!data) return;
  for (let row = 0; row < data.rows; row++)
    for (let col = 0, i = row; col < data.cols; col++, i += data.rows) {
      const k = data.kind[i];
      if (k === EMPTY) continue;
      const key = addressKey(row, col);
      if (sheet.cells[key] !== undefined) continue;
      visit(key, k === NUMBER ? String(data.num[i]) : data.text.get(i)!, data.format[i] !== 0);
    }
}

/** Two lists of addresses, each in reading order, as one. */
function merge(a: string[], b: string[]): string[] {
  if (a.length === 0 || b.length === 0) return a.length === 0 ? b : a;
  const pos = (k: string) => parseAddress(k)!;
  const out: string[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    const [p, q] = [pos(a[i]!), pos(b[j]!)];
    out.push(p.row < q.row || (p.row === q.row && p.col < q.col) ? a[i++]! : b[j++]!);
  }
  return out.concat(a.slice(i), b.slice(j));
}

/**
 * The cells whose text matches, in reading order. `shown` gives a cell's computed text for
 * `lookIn: 'values'`. A big sheet's stored cells (`data`) are searched under the person's edits.
 */
export function findAll(sheet: SheetBlock, query: string, options: FindOptions = {}, shown?: (key: string) => string | undefined, data?: SheetData): string[] {
  const re = pattern(query, options, false);
  // Looking in values reads what the cell shows: a formula's result, a number with its format.
  const textOf = (k: string, raw: string, formatted: boolean) => (options.lookIn === 'values' && (formatted || raw.startsWith('=')) ? (shown?.(k) ?? (raw.startsWith('=') ? '' : raw)) : raw);
  const own = readingOrder(Object.keys(sheet.cells)).filter((k) => sheet.cells[k] !== '' && re.test(textOf(k, sheet.cells[k]!, true)));
  const stored: string[] = [];
  eachStoredInOrder(sheet, data, (k, raw, formatted) => re.test(textOf(k, raw, formatted)) && stored.push(k));
  return merge(own, stored);
}

/**
 * A cell's typed text with `query` replaced, or undefined when it does not match. Replacing works
 * on what was typed (as Excel's does); formulas only when looking in formulas.
 */
export function replaceInText(text: string, query: string, replacement: string, options: FindOptions = {}): string | undefined {
  if (options.lookIn === 'values' && text.startsWith('=')) return undefined;
  const re = pattern(query, options, true);
  if (!re.test(text)) return undefined;
  re.lastIndex = 0;
  return text.replace(re, () => replacement);
}

/**
 * Every match in the sheet replaced (one document change); `count` is the number of cells
 * changed. A big sheet's stored cells that match become edits over them (`data`: its stored
 * cells), at most MAX_REPLACED_STORED of them.
 */
export function replaceAll(doc: WorkbookDocument, id: BlockId, query: string, replacement: string, options: FindOptions = {}, data?: SheetData): { doc: WorkbookDocument; count: number } {
  const sheet = sheetOf(doc, id);
  const cells = { ...sheet.cells };
  let count = 0;
  // On a big sheet an edit emptied stays as '': without it the stored cell under it would show again.
  const put = (k: string, next: string) => {
    count++;
    if (next === '' && !sheet.data) delete cells[k];
    else cells[k] = next;
  };
  for (const [k, v] of Object.entries(sheet.cells)) {
    const next = v === '' ? undefined : replaceInText(v, query, replacement, options);
    if (next !== undefined) put(k, next);
  }
  let stored = 0;
  eachStoredInOrder(sheet, data, (k, raw) => {
    const next = replaceInText(raw, query, replacement, options);
    if (next === undefined) return;
    if (++stored > MAX_REPLACED_STORED)
      throw new SheetOpError(
        `Cannot replace all in ${sheet.name}: more than ${MAX_REPLACED_STORED.toLocaleString('en-US')} of the cells stored in ${sheet.data?.file ?? 'its workbook file'} match, and each one replaced is kept in the workbook as an edit. Narrow the search (Match case, Whole cell), or replace in the file in Excel.`,
      );
    put(k, next);
  });
  if (count === 0) return { doc, count };
  return { doc: { ...doc, blocks: doc.blocks.map((b) => (b.id === id ? { ...sheet, cells } : b)) }, count };
}
