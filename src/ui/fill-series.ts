import { shiftFormula } from '../workbook/formula/shift';
import { parseInput } from '../workbook/format';
import { cellKey, type CellPos, type CellRange, type RawOf, type Updates } from './sheet-selection';

/**
 * The fill handle (the square at a selection's bottom-right corner), as Excel's AutoFill without
 * Ctrl: dragging `source` out to `target` (which contains it, grown down, up, right or left) fills
 * each line of the source (a column when filling up or down) along the drag:
 * - numbers: two or more make a linear series (least squares, as Excel's trend); one is copied;
 * - dates (M/D/Y or ISO, without a time): a series stepping by their difference, one day for one;
 * - text ending in a number with the same start (`Item 1`): the number counts on, by 1 for one;
 * - anything else (formulas shifted as copying shifts them, text, mixed lines) repeats the source.
 * A `target` inside the source (the handle dragged back) clears the cells it no longer covers.
 */
export function fillSeries(source: CellRange, target: CellRange, raw: RawOf): Updates {
  const updates: Updates = {};
  const put = (p: CellPos, text: string) => {
    const key = cellKey(p);
    if (text !== (raw(key) ?? '')) updates[key] = text === '' ? null : text;
  };
  const shrunk = target.bottom - target.top < source.bottom - source.top || target.right - target.left < source.right - source.left;
  if (shrunk) {
    for (let row = source.top; row <= source.bottom; row++)
      for (let col = source.left; col <= source.right; col++) if (row > target.bottom || col > target.right) put({ row, col }, '');
    return updates;
  }
  const vertical = target.top < source.top || target.bottom > source.bottom;
  const n = vertical ? source.bottom - source.top + 1 : source.right - source.left + 1;
  const [from, to] = vertical ? [target.top, target.bottom] : [target.left, target.right];
  const start = vertical ? source.top : source.left;
  const [lineFrom, lineTo] = vertical ? [source.left, source.right] : [source.top, source.bottom];
  for (let line = lineFrom; line <= lineTo; line++) {
    const pos = (i: number): CellPos => (vertical ? { row: start + i, col: line } : { row: line, col: start + i });
    const texts = Array.from({ length: n }, (_, i) => raw(cellKey(pos(i))) ?? '');
    const series = seriesOf(texts);
    for (let at = from; at <= to; at++) {
      const i = at - start;
      if (i >= 0 && i < n) continue;
      const made = series?.(i);
      if (made !== undefined) {
        put(pos(i), made);
        continue;
      }
      const j = ((i % n) + n) % n;
      const moved = i - j;
      put(pos(i), shiftFormula(texts[j]!, vertical ? moved : 0, vertical ? 0 : moved));
    }
  }
  return updates;
}

/** The text at index i (0 to n-1 are the source) of the source's series, or undefined when it repeats. */
type Series = (i: number) => string;

function seriesOf(texts: readonly string[]): Series | undefined {
  return numberSeries(texts) ?? dateSeries(texts) ?? countedText(texts);
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function numberSeries(texts: readonly string[]): Series | undefined {
  if (texts.length < 2 || !texts.every((t) => NUMBER.test(t.trim()))) return undefined;
  const { intercept, slope } = trend(texts.map(Number));
  return (i) => String(tidy(intercept + slope * i));
}

/** Least squares over (0, y0), (1, y1), …: two values give their exact step. */
function trend(ys: readonly number[]): { intercept: number; slope: number } {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}

/** 0.1 + 0.2 shown as 0.3: binary noise rounded off at 15 significant digits, as Excel shows them. */
function tidy(x: number): number {
  return Number(x.toPrecision(15));
}

const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
// Serial 0 is 1899-12-30 for every serial Cellar and Excel agree on (from 1900-03-01).
const EPOCH = Date.UTC(1899, 11, 30);

function dateSeries(texts: readonly string[]): Series | undefined {
  const t0 = texts[0]!.trim();
  const iso = ISO_DAY.test(t0);
  if (!iso && !MDY.test(t0)) return undefined;
  const serials: number[] = [];
  for (const t of texts) {
    const input = parseInput(t.trim());
    if (input.kind !== 'date' || input.withTime || !(ISO_DAY.test(t.trim()) || MDY.test(t.trim()))) return undefined;
    serials.push(input.serial);
  }
  const step = serials.length === 1 ? 1 : trend(serials).slope;
  const base = serials.length === 1 ? serials[0]! : trend(serials).intercept;
  return (i) => {
    const serial = Math.round(base + step * i);
    if (serial < 61) return texts[0]!;
    const d = new Date(EPOCH + serial * DAY_MS);
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    return iso ? `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}` : `${m}/${day}/${y}`;
  };
}

const COUNTED = /^(.*?)(\d+)$/;

function countedText(texts: readonly string[]): Series | undefined {
  const parts = texts.map((t) => COUNTED.exec(t));
  const prefix = parts[0]?.[1];
  // Plain numbers are numbers (one is copied); a formula is shifted, never counted.
  if (prefix === undefined || prefix === '' || prefix.startsWith('=') || !/\D$/.test(prefix)) return undefined;
  if (!parts.every((m) => m && m[1] === prefix)) return undefined;
  // `$5` is the number 5 shown as currency: copied (one) as Excel copies a number, not counted as text.
  if (texts.some((t) => parseInput(t).kind !== 'text')) return undefined;
  const counts = parts.map((m) => Number(m![2]));
  const step = counts.length === 1 ? 1 : counts[counts.length - 1]! - counts[counts.length - 2]!;
  const width = parts[0]![2]!.length;
  const last = counts[counts.length - 1]!;
  return (i) => {
    const k = last + step * (i - (counts.length - 1));
    return `${prefix}${String(Math.abs(k)).padStart(width, '0')}`;
  };
}

/**
 * Double-clicking the fill handle fills down as far as the column beside the selection has data
 * (left first, then right), as Excel does; undefined when there is nothing to follow. Stops at the
 * used extent's last row, so an empty sheet is never walked.
 */
export function fillDownTo(source: CellRange, filled: (p: CellPos) => boolean, usedRows: number): number | undefined {
  for (const col of [source.left - 1, source.right + 1]) {
    if (col < 0 || !filled({ row: source.bottom + 1, col })) continue;
    let row = source.bottom + 1;
    while (row + 1 < usedRows && filled({ row: row + 1, col })) row++;
    return row;
  }
  return undefined;
}

/**
 * The range a fill handle drag covers with the pointer over `cell`: the source grown down, up,
 * right or left (whichever way the pointer is further out), or cut back to the pointer's row or
 * column when dragged inside the source.
 */
export function fillTarget(source: CellRange, cell: CellPos): CellRange {
  const dRow = cell.row > source.bottom ? cell.row - source.bottom : cell.row < source.top ? source.top - cell.row : 0;
  const dCol = cell.col > source.right ? cell.col - source.right : cell.col < source.left ? source.left - cell.col : 0;
  if (dRow === 0 && dCol === 0) {
    if (cell.row < source.bottom && source.bottom > source.top) return { ...source, bottom: cell.row };
    if (cell.col < source.right && source.right > source.left) return { ...source, right: cell.col };
    return source;
  }
  if (dRow >= dCol) return cell.row > source.bottom ? { ...source, bottom: cell.row } : { ...source, top: cell.row };
  return cell.col > source.right ? { ...source, right: cell.col } : { ...source, left: cell.col };
}
