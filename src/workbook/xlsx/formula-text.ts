import { columnIndex, columnLetters, lookupFunction } from '../formula';

/** Excel's last row and column (XFD). */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_383;

/** What rewriting a formula from an .xlsx needs to know. */
export interface RewriteContext {
  /** Excel sheet name, lower-cased -> the Cellar block that holds it. */
  blocks: ReadonlyMap<string, string>;
  /** The text a defined name stands for in this sheet, or undefined to leave the name as it is. */
  name(name: string): string | undefined;
}

const CELLS = /\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?(?![\w.(![])/y;
const COLUMNS = /\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})(?![\w.(![])/y;
const ROWS = /\$?(\d+):\$?(\d+)(?![\w.(![])/y;
const PART = /(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?/;
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_\\\u0080-\uFFFF][\w.\\?\u0080-\uFFFF]*/y;
const ERROR = /#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|PYTHON!)/iy;
/** Prefixes Excel writes in the file before newer functions and LAMBDA parameters, never shown to a person. */
const FUTURE_PREFIX = /^(_xlfn\.|_xlws\.|_xlpm\.)+/i;

function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** `Sales` stays bare; a block name the lexer would misread is quoted. */
export function sheetPrefix(block: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(block) && !/^[A-Za-z]{1,3}\d+$/.test(block) && !/^(TRUE|FALSE)$/i.test(block);
  return bare ? `${block}!` : `'${block.replaceAll("'", "''")}'!`;
}

/**
 * One end of a reference (`$B2`, `C`, `$47`) moved dRow rows and dCol columns on its parts
 * without `$`, the way Excel fills a shared formula; undefined when it leaves the sheet.
 */
function movePart(part: string, dRow: number, dCol: number): string | undefined {
  const [, first, letters, second, digits] = PART.exec(part)!;
  // In a whole-row part (`$47`) the one `$` belongs to the row.
  const colAbs = letters === undefined ? '' : first!;
  const rowAbs = letters === undefined ? first! : second!;
  let out = '';
  if (letters !== undefined) {
    const col = colAbs || dCol === 0 ? columnIndex(letters) : columnIndex(letters) + dCol;
    if (col < 0 || col > MAX_COL) return undefined;
    out += colAbs + (colAbs || dCol === 0 ? letters : columnLetters(col));
  }
  if (digits !== undefined) {
    const row = rowAbs || dRow === 0 ? Number(digits) : Number(digits) + dRow;
    if (row < 1 || row > MAX_ROW) return undefined;
    out += rowAbs + (rowAbs || dRow === 0 ? digits : String(row));
  }
  return out;
}

/** The reference at `at` (cells, a cell range, whole columns or whole rows), moved; undefined when none is there. */
function reference(text: string, at: number, dRow: number, dCol: number): { end: number; text: string } | undefined {
  const m = match(CELLS, text, at) ?? match(COLUMNS, text, at) ?? match(ROWS, text, at);
  if (!m) return undefined;
  const parts = m[0].split(':');
  const valid = parts.every((p) => {
    const [, , letters, , digits] = PART.exec(p)!;
    return (letters === undefined || columnIndex(letters) <= MAX_COL) && (digits === undefined || (Number(digits) >= 1 && Number(digits) <= MAX_ROW));
  });
  if (!valid) return undefined;
  const end = at + m[0].length;
  if (dRow === 0 && dCol === 0) return { end, text: m[0] };
  const moved = parts.map((p) => movePart(p, dRow, dCol));
  return { end, text: moved.some((p) => p === undefined) ? '#REF!' : moved.join(':') };
}

/** `'My ''best'' sheet'!` at `at`: the sheet's name and where the `!` ends. */
function quotedSheet(text: string, at: number): { name: string; end: number } | undefined {
  let name = '';
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] !== "'") name += text[i];
    else if (text[i + 1] === "'") {
      name += "'";
      i++;
    } else return text[i + 1] === '!' ? { name, end: i + 2 } : undefined;
  }
  return undefined;
}

/**
 * An Excel formula (without its `=`, as the file stores it) as Cellar's sheet reads it: moved by
 * (dRow, dCol) as a shared formula's copy is, other sheets' names replaced by their blocks, defined
 * names replaced by what they stand for, `_xlfn.`-style prefixes dropped. Strings, structured
 * references and everything else are kept character for character.
 */
export function rewriteFormula(text: string, ctx: RewriteContext, dRow = 0, dCol = 0): string {
  let out = '';
  let i = 0;
  const afterSheet = (prefix: string, sheet: string, end: number) => {
    const block = ctx.blocks.get(sheet.toLowerCase());
    const ref = reference(text, end, dRow, dCol);
    if (ref?.text === '#REF!') out += '#REF!';
    else out += (block === undefined ? prefix : sheetPrefix(block)) + (ref?.text ?? '');
    i = ref?.end ?? end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const q = quotedSheet(text, i);
      if (q) {
        afterSheet(text.slice(i, q.end), q.name, q.end);
        continue;
      }
    }
    if (c === '[') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === "'" && j + 1 < text.length) j++;
        else if (text[j] === '[') depth++;
        else if (text[j] === ']' && --depth === 0) break;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const error = c === '#' ? match(ERROR, text, i) : null;
    if (error) {
      out += error[0];
      i += error[0].length;
      continue;
    }
    const ref = /[$A-Za-z0-9]/.test(c) ? reference(text, i, dRow, dCol) : undefined;
    if (ref) {
      out += ref.text;
      i = ref.end;
      continue;
    }
    const num = /[\d.]/.test(c) ? match(NUMBER, text, i) : null;
    if (num) {
      out += num[0];
      i += num[0].length;
      continue;
    }
    const id = match(IDENT, text, i);
    if (id) {
      const end = i + id[0].length;
      if (text[end] === '!') {
        afterSheet(text.slice(i, end + 1), id[0], end + 1);
        continue;
      }
      const bare = id[0].replace(FUTURE_PREFIX, '');
      const isCall = text[end] === '(';
      // A LET or LAMBDA parameter (`_xlpm.rate`) is never a defined name, whatever its name.
      const defined = /^_xlpm\./i.test(id[0]) || /^(TRUE|FALSE)$/i.test(bare) ? undefined : isCall ? (lookupFunction(bare) ? undefined : ctx.name(bare)) : ctx.name(bare);
      // A defined name called as a function (`Twice(1)`) holds a LAMBDA: it is called in place.
      out += defined === undefined ? bare : isCall && !defined.startsWith('(') ? `(${defined})` : defined;
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Whether a rewritten text is one reference (with or without its sheet), which inlines without parentheses. */
export function isSingleReference(text: string): boolean {
  let at = 0;
  const q = text.startsWith("'") ? quotedSheet(text, 0) : undefined;
  if (q) at = q.end;
  else {
    const id = match(IDENT, text, 0);
    if (id && text[id[0].length] === '!') at = id[0].length + 1;
  }
  const ref = reference(text, at, 0, 0);
  return ref !== undefined && ref.end === text.length;
}
