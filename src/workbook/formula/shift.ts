import { columnIndex, columnLetters, tokenize, type Token } from './lexer';

/** Excel's last row and column (XFD): a reference moved past them, like one moved before A1, is #REF!. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_383;
const COLUMN_LETTERS = /^[A-Za-z]{1,3}$/;

/** One piece of text to put in place of `text.slice(start, end)`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A reference's replacement, or undefined when it moves out of the sheet. */
type Moved = string | undefined;

/**
 * The formula as it reads after being copied `dRow` rows down and `dCol` columns right: every A1
 * address moves on the parts without `$` (`B2` → `B3`, `$B2` keeps B, `B$2` keeps 2), both ends of
 * a range move, whole columns (`A:A`) move their columns, and a reference pushed before row 1 or
 * column A becomes `#REF!` (with its sheet prefix, so the result still reads). Everything else is
 * kept byte for byte. Texts that are not formulas, or that do not lex yet, come back unchanged.
 */
export function shiftFormula(text: string, dRow: number, dCol: number): string {
  if (!text.startsWith('=') || (dRow === 0 && dCol === 0)) return text;
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    return text;
  }
  const edits = referenceEdits(tokens, dRow, dCol);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The edits for every reference in the tokens, in order. */
function referenceEdits(tokens: Token[], dRow: number, dCol: number): Edit[] {
  const edits: Edit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const from = t.type === 'sheet' ? i + 1 : i;
    const ref = readReference(tokens, from);
    if (!ref) {
      i++;
      continue;
    }
    const parts = ref.parts.map((p) => movePart(p, dRow, dCol));
    if (parts.some((p) => p === undefined)) edits.push({ start: t.start, end: tokens[ref.next - 1]!.end, text: '#REF!' });
    else
      ref.parts.forEach((p, k) => {
        if (parts[k] !== p.token.text) edits.push({ start: p.token.start, end: p.token.end, text: parts[k]! });
      });
    i = ref.next;
  }
  return edits;
}

/** A cell address, or one end of a whole-column range (`A` in `A:C`, `$A` fixed) or of a whole-row range (`1` in `1:3`). */
type Part = { kind: 'cell'; token: Token } | { kind: 'column'; token: Token; letters: string; abs: boolean } | { kind: 'row'; token: Token; row: number; abs: boolean };

/** The reference starting at tokens[i] (a cell, a cell range or a column range), with the index after it. */
function readReference(tokens: Token[], i: number): { parts: Part[]; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.type === 'a1') {
    const end = tokens[i + 2];
    if (tokens[i + 1]?.type === ':' && end?.type === 'a1') return { parts: [{ kind: 'cell', token: t }, { kind: 'cell', token: end }], next: i + 3 };
    return { parts: [{ kind: 'cell', token: t }], next: i + 1 };
  }
  const first = columnPart(t);
  const last = tokens[i + 1]?.type === ':' ? columnPart(tokens[i + 2]) : undefined;
  if (first && last) return { parts: [first, last], next: i + 3 };
  const top = rowPart(t);
  const bottom = tokens[i + 1]?.type === ':' ? rowPart(tokens[i + 2]) : undefined;
  if (top && bottom) return { parts: [top, bottom], next: i + 3 };
  return undefined;
}

/** `3` or `$3` (a number token of digits) as one end of a whole-row range; `$3` is fixed and never moves. */
function rowPart(t: Token | undefined): Part | undefined {
  return t?.type === 'number' && /^\$?[0-9]+$/.test(t.text) ? { kind: 'row', token: t, row: Number(t.value), abs: t.text.startsWith('$') } : undefined;
}

/** `A` (a name token) or `$A` (a param token) as one end of a whole-column range. */
function columnPart(t: Token | undefined): Part | undefined {
  if (t?.type === 'ident' && COLUMN_LETTERS.test(t.text)) return { kind: 'column', token: t, letters: t.text, abs: false };
  if (t?.type === 'param' && typeof t.value === 'string' && COLUMN_LETTERS.test(t.value) && t.text === `$${t.value}`)
    return { kind: 'column', token: t, letters: t.value, abs: true };
  return undefined;
}

/** The part's text after the move (unchanged when nothing of it moves), or undefined when it leaves the sheet. */
function movePart(part: Part, dRow: number, dCol: number): Moved {
  if (part.kind === 'row') {
    if (dRow === 0 || part.abs) return part.token.text;
    const row = part.row + dRow;
    return row < 1 || row > MAX_ROW ? undefined : String(row);
  }
  if (part.kind === 'column') {
    if (part.abs || dCol === 0) return part.token.text;
    const col = columnIndex(part.letters) + dCol;
    return col < 0 || col > MAX_COL ? undefined : columnLetters(col);
  }
  const a1 = part.token.a1!;
  const moveRow = !a1.rowAbs && dRow !== 0 && a1.row >= 1;
  const moveCol = !a1.colAbs && dCol !== 0;
  if (!moveRow && !moveCol) return part.token.text;
  const row = moveRow ? a1.row + dRow : a1.row;
  const col = moveCol ? columnIndex(a1.col) + dCol : columnIndex(a1.col);
  if ((moveRow && (row < 1 || row > MAX_ROW)) || (moveCol && (col < 0 || col > MAX_COL))) return undefined;
  return `${a1.colAbs ? '$' : ''}${columnLetters(col)}${a1.rowAbs ? '$' : ''}${row}`;
}
