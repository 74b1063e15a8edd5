import type { BlockId, SheetBlock, WorkbookDocument } from '../document';
import { parseAddress } from '../sheet';
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

/**
 * The cells whose text matches, in reading order. `shown` gives a cell's computed text for
 * `lookIn: 'values'`. A big sheet is searched over the cells kept in the document only.
 */
export function findAll(sheet: SheetBlock, query: string, options: FindOptions = {}, shown?: (key: string) => string | undefined): string[] {
  const re = pattern(query, options, false);
  return readingOrder(Object.keys(sheet.cells)).filter((k) => {
    const raw = sheet.cells[k]!;
    // Looking in values reads what the cell shows: a formula's result, a number with its format.
    const text = options.lookIn === 'values' ? (shown?.(k) ?? (raw.startsWith('=') ? '' : raw)) : raw;
    return re.test(text);
  });
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

/** Every match in the sheet replaced (one document change); `count` is the number of cells changed. */
export function replaceAll(doc: WorkbookDocument, id: BlockId, query: string, replacement: string, options: FindOptions = {}): { doc: WorkbookDocument; count: number } {
  const sheet = sheetOf(doc, id);
  const cells = { ...sheet.cells };
  let count = 0;
  for (const [k, v] of Object.entries(sheet.cells)) {
    const next = replaceInText(v, query, replacement, options);
    if (next === undefined) continue;
    count++;
    if (next === '') delete cells[k];
    else cells[k] = next;
  }
  if (count === 0) return { doc, count };
  return { doc: { ...doc, blocks: doc.blocks.map((b) => (b.id === id ? { ...sheet, cells } : b)) }, count };
}
