import { replaceSpans } from '../../sql';
import { columnIndex, columnLetters, tokenize, type Token } from '../formula';

/** Excel's last row and column (XFD), 0-based: a reference moved past them is #REF!. */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

/** The cells a reference covers, 0-based and inclusive; an axis left out is whole (`A:A` has no rows, `1:1` no columns). */
export interface Area {
  rows?: [number, number];
  cols?: [number, number];
}

/** What an operation does to a referenced area: the area after it, or null when it is gone (#REF!). */
export type AreaMap = (area: Area) => Area | null;

/** Which references a rewrite is about: those into the sheet named `sheet`. */
export interface RefTarget {
  sheet: string;
  /** The formula sits in that sheet, so its references without a sheet name point there too. */
  inSheet: boolean;
}

/** One end of a reference: a cell (`$B2`), a column (`A`, `$A`) or a row (`3`). */
type End =
  | { kind: 'cell'; token: Token; col: number; row: number; colAbs: boolean; rowAbs: boolean }
  | { kind: 'column'; token: Token; col: number; abs: boolean }
  | { kind: 'row'; token: Token; row: number };

const COLUMN_LETTERS = /^[A-Za-z]{1,3}$/;

/**
 * The formula with every reference into the target sheet mapped by `map`: its ends rewritten in
 * place (`$` kept), or the whole reference (with its sheet name) replaced by `#REF!` when its cells
 * are gone. Everything else is kept byte for byte; a text that is not a formula or does not lex
 * comes back unchanged.
 */
export function rewriteReferences(text: string, target: RefTarget, map: AreaMap): string {
  const same = (name: string) => name.toLowerCase() === target.sheet.toLowerCase();
  return replaceReferences(text, (ref) => {
    // Outside a sheet an unprefixed `B2` is a name, not a cell.
    if (ref.sheet !== undefined ? !same(ref.sheet) : !target.inSheet) return undefined;
    const moved = map(ref.area);
    if (moved && sameArea(ref.area, moved)) return undefined;
    return moved === null ? '#REF!' : ref.prefix + ref.at(moved);
  });
}

/** One reference as replaceReferences hands it over. */
export interface FoundRef {
  /** The sheet it names (`Data!B2`), or undefined when it names none. */
  sheet?: string;
  /** That sheet name as written, with its `!` (`'my sheet'!`); '' when it names none. */
  prefix: string;
  area: Area;
  /** Its text as written, without its sheet name. */
  text: string;
  /** Its text (no sheet name) with its cells at `area`, `$` marks kept. */
  at(area: Area): string;
}

/**
 * The formula with each reference replaced by what `fn` returns for it (its whole new text, sheet
 * name included), or kept when `fn` returns undefined; everything else byte for byte. For moves
 * that change a reference's sheet, which rewriteReferences cannot.
 */
export function replaceReferences(text: string, fn: (ref: FoundRef) => string | undefined): string {
  if (!text.startsWith('=')) return text;
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    return text;
  }
  const spans: { start: number; end: number; text: string }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const prefixed = t.type === 'sheet';
    const ref = readReference(tokens, prefixed ? i + 1 : i);
    if (!ref) {
      i++;
      continue;
    }
    i = ref.next;
    const ends = ref.ends;
    const first = ends[0]!.token;
    const last = ends[ends.length - 1]!.token;
    const found: FoundRef = {
      ...(prefixed ? { sheet: String(t.value) } : {}),
      prefix: text.slice(t.start, first.start),
      area: areaOf(ends),
      text: text.slice(first.start, last.end),
      at: (area) => endTexts(ends, area).join(':'),
    };
    const next = fn(found);
    if (next !== undefined) spans.push({ start: t.start, end: last.end, text: next });
  }
  return replaceSpans(text, spans);
}

/** The reference starting at tokens[i] (a cell, a cell range, a column range or a row range), with the index after it. */
function readReference(tokens: Token[], i: number): { ends: End[]; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  const colon = tokens[i + 1]?.type === ':';
  if (t.type === 'a1') {
    const last = colon ? cellEnd(tokens[i + 2]) : undefined;
    return last ? { ends: [cellEnd(t)!, last], next: i + 3 } : { ends: [cellEnd(t)!], next: i + 1 };
  }
  const first = columnEnd(t) ?? rowEnd(t);
  const last = colon ? (first?.kind === 'column' ? columnEnd(tokens[i + 2]) : rowEnd(tokens[i + 2])) : undefined;
  return first && last ? { ends: [first, last], next: i + 3 } : undefined;
}

function cellEnd(t: Token | undefined): End | undefined {
  if (t?.type !== 'a1' || !t.a1) return undefined;
  return { kind: 'cell', token: t, col: columnIndex(t.a1.col), row: t.a1.row - 1, colAbs: t.a1.colAbs, rowAbs: t.a1.rowAbs };
}

/** `A` (a name token) or `$A` (a param token) as one end of a whole-column range. */
function columnEnd(t: Token | undefined): End | undefined {
  if (t?.type === 'ident' && COLUMN_LETTERS.test(t.text)) return { kind: 'column', token: t, col: columnIndex(t.text), abs: false };
  if (t?.type === 'param' && typeof t.value === 'string' && COLUMN_LETTERS.test(t.value) && t.text === `$${t.value}`)
    return { kind: 'column', token: t, col: columnIndex(t.value), abs: true };
  return undefined;
}

/** `3` (digits only) as one end of a whole-row range. */
function rowEnd(t: Token | undefined): End | undefined {
  return t?.type === 'number' && /^[0-9]+$/.test(t.text) ? { kind: 'row', token: t, row: Number(t.text) - 1 } : undefined;
}

const sameAxis = (a?: [number, number], b?: [number, number]) => a?.[0] === b?.[0] && a?.[1] === b?.[1];
const sameArea = (a: Area, b: Area) => sameAxis(a.rows, b.rows) && sameAxis(a.cols, b.cols);

const span = (a: number, b: number): [number, number] => [Math.min(a, b), Math.max(a, b)];

function areaOf(ends: End[]): Area {
  const [a, b = a] = ends as [End, End?];
  if (a.kind === 'column' && b.kind === 'column') return { cols: span(a.col, b.col) };
  if (a.kind === 'row' && b.kind === 'row') return { rows: span(a.row, b.row) };
  if (a.kind === 'cell' && b.kind === 'cell') return { rows: span(a.row, b.row), cols: span(a.col, b.col) };
  throw new Error('A reference mixes cells, columns and rows.');
}

/**
 * The ends' texts in the mapped area: on each axis the end that was the smaller takes the area's
 * start (a range written backwards, `B5:B1`, keeps its order); `$` marks are kept.
 */
function endTexts(ends: End[], area: Area): string[] {
  const rowOf = (e: End) => (e.kind === 'column' ? 0 : e.row);
  const colOf = (e: End) => (e.kind === 'row' ? 0 : e.col);
  const [a, b = a] = ends as [End, End?];
  const rowStart = [rowOf(a) <= rowOf(b), rowOf(a) > rowOf(b)];
  const colStart = [colOf(a) <= colOf(b), colOf(a) > colOf(b)];
  return ends.map((end, k) => {
    const row = area.rows ? area.rows[rowStart[k]! ? 0 : 1] : rowOf(end);
    const col = area.cols ? area.cols[colStart[k]! ? 0 : 1] : colOf(end);
    switch (end.kind) {
      case 'column':
        return `${end.abs ? '$' : ''}${columnLetters(col)}`;
      case 'row':
        return String(row + 1);
      case 'cell':
        return `${end.colAbs ? '$' : ''}${columnLetters(col)}${end.rowAbs ? '$' : ''}${row + 1}`;
    }
  });
}
