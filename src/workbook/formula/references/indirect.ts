import type { EvalContext } from '../evaluate';
import { FormulaError, FormulaSyntaxError } from '../errors';
import { parseFormula } from '../parser';
import { makeRef, nodeRef, MAX_COLS, MAX_ROWS, type Ref } from './ref';

/** INDIRECT's text as a reference: A1 (`B2`, `Sheet2!B2:C9`, `D:D`, `5:5`) or R1C1 (`R2C3`, `R[-1]C[2]`). */
export function indirect(text: string, a1: boolean, ctx: EvalContext): Ref | FormulaError {
  const trimmed = text.trim();
  const bad = () => new FormulaError('#REF!', `INDIRECT: "${trimmed}" is not a reference${a1 ? ' (A1 style, as in B2 or Sheet2!B2:C9)' : ' (R1C1 style, as in R2C3 or R[-1]C[2])'}.`);
  if (trimmed === '') return bad();
  const r = a1 ? fromA1(trimmed) : fromR1C1(trimmed, ctx);
  if (!r) return bad();
  if (r instanceof FormulaError) return r;
  if (r.sheet !== undefined && ctx.sheetExists && !ctx.sheetExists(r.sheet)) return new FormulaError('#REF!', `INDIRECT: no sheet is called ${r.sheet}.`);
  return r;
}

function fromA1(text: string): Ref | FormulaError | undefined {
  let node;
  try {
    node = parseFormula(`=${text}`, { sheet: true });
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return undefined;
    throw e;
  }
  if (node.type === 'cell' || node.type === 'range') return nodeRef(node);
  if (node.type === 'call' && node.name === ':' && node.args.every((a) => a.type === 'cell' || a.type === 'range')) {
    const [a, b] = node.args.map((n) => nodeRef(n as Parameters<typeof nodeRef>[0]));
    if (a instanceof FormulaError) return a;
    if (b instanceof FormulaError) return b;
    return { sheet: a!.sheet ?? b!.sheet, r0: Math.min(a!.r0, b!.r0), c0: Math.min(a!.c0, b!.c0), r1: Math.max(a!.r1, b!.r1), c1: Math.max(a!.c1, b!.c1) };
  }
  return undefined;
}

const PART = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?$/i;

/** `R2C3`, `R[-1]C`, `R1C1:R2C2`, with an optional `Sheet!` or `'My sheet'!` in front; relative parts count from the formula's cell. */
function fromR1C1(text: string, ctx: EvalContext): Ref | FormulaError | undefined {
  let sheet: string | undefined;
  let body = text;
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(text);
  const plain = /^([^'!:]+)!(.*)$/.exec(text);
  if (quoted) [sheet, body] = [quoted[1]!.replaceAll("''", "'"), quoted[2]!];
  else if (plain) [sheet, body] = [plain[1]!, plain[2]!];
  const ends = body.split(':');
  if (ends.length > 2) return undefined;
  const o = ctx.origin ?? { row: 0, col: 0 };
  const cells: { row: number; col: number }[] = [];
  for (const end of ends) {
    const m = PART.exec(end);
    if (!m) return undefined;
    const at = (part: string | undefined, own: number, max: number): number | undefined => {
      if (part === undefined) return own;
      if (part.startsWith('[')) return own + Number(part.slice(1, -1));
      const n = Number(part);
      return n >= 1 && n <= max ? n - 1 : undefined;
    };
    const row = at(m[1], o.row, MAX_ROWS);
    const col = at(m[2], o.col, MAX_COLS);
    if (row === undefined || col === undefined) return undefined;
    cells.push({ row, col });
  }
  const [a, b = a] = cells as [{ row: number; col: number }, { row: number; col: number }?];
  return makeRef(sheet, a.row, a.col, b!.row, b!.col, 'INDIRECT');
}
