import { escapeXml } from './xml';

/** A cell's value as the file stores it. Dates are numbers here, with a date format. */
export type FileValue = { t: 'n'; v: number } | { t: 's'; v: string } | { t: 'b'; v: boolean } | { t: 'e'; v: string };

/** Excel's limit on the characters in one cell; longer text is cut (Excel would refuse the file). */
export const MAX_CELL_TEXT = 32_767;
/** The error values a file may hold (Excel 2007's); Cellar's others are written as #VALUE!. */
const FILE_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);

/** An error code a file may hold. */
export function fileError(code: string): string {
  const upper = code.toUpperCase();
  return FILE_ERRORS.has(upper) ? upper : '#VALUE!';
}

/** A number as a file holds it: finite numbers as they are, NaN and ±Infinity as #NUM! (Excel has neither). */
export function numberValue(n: number): FileValue {
  return Number.isFinite(n) ? { t: 'n', v: n } : { t: 'e', v: '#NUM!' };
}

/** Text cut to Excel's cell limit, never inside a surrogate pair. */
export function cellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  const cut = text.slice(0, MAX_CELL_TEXT);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * One `<c>` element: a value cell (text inline, so no shared-strings table grows in memory), or a
 * formula with its cached result (`t="str"` for text results, no `<v>` when it has none).
 */
export function cellXml(ref: string, value: FileValue | undefined, style: number, formula?: string): string {
  const s = style ? ` s="${style}"` : '';
  if (formula !== undefined) {
    const f = `<f>${escapeXml(formula)}</f>`;
    if (!value) return `<c r="${ref}"${s}>${f}</c>`;
    switch (value.t) {
      case 'n':
        return `<c r="${ref}"${s}>${f}<v>${value.v}</v></c>`;
      case 's':
        return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(cellText(value.v))}</v></c>`;
      case 'b':
        return `<c r="${ref}"${s} t="b">${f}<v>${value.v ? 1 : 0}</v></c>`;
      case 'e':
        return `<c r="${ref}"${s} t="e">${f}<v>${fileError(value.v)}</v></c>`;
    }
  }
  if (!value) return style ? `<c r="${ref}"${s}/>` : '';
  switch (value.t) {
    case 'n':
      return `<c r="${ref}"${s}><v>${value.v}</v></c>`;
    case 's':
      return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cellText(value.v))}</t></is></c>`;
    case 'b':
      return `<c r="${ref}"${s} t="b"><v>${value.v ? 1 : 0}</v></c>`;
    case 'e':
      return `<c r="${ref}"${s} t="e"><v>${fileError(value.v)}</v></c>`;
  }
}
