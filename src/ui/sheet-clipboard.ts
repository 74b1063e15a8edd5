import type { CellPos } from './sheet-selection';

/**
 * The last copy out of any sheet grid. The clipboard gets the values as they show (what Excel,
 * Sheets or a text editor should paste); a paste into a sheet of this page finds its own copy here
 * and takes the cells' texts instead, formulas included, moved by how far they travel.
 */
interface SheetCopy {
  /** The clipboard's text/plain when it was copied. */
  shown: string;
  /** The copied cells' own texts ('=B2*2'), row by row. */
  rows: string[][];
  origin: CellPos;
}

let last: SheetCopy | undefined;

const normal = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\n$/, '');

export function rememberSheetCopy(copy: SheetCopy): void {
  last = copy;
}

/** The cells' texts behind clipboard text this page's sheets put there, or undefined when it came from elsewhere. */
export function sheetCopyOf(clipboard: string): SheetCopy | undefined {
  return last && normal(clipboard) === normal(last.shown) ? last : undefined;
}
