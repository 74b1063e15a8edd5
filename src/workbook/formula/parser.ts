import type { BinaryOp, CellAddress, FormulaNode } from './ast';
import { FormulaSyntaxError, type ErrorCode, type Span } from './errors';
import { columnIndex, tokenize, type Token } from './lexer';

export interface ParseOptions {
  /** In a sheet, `B2` is a cell address; elsewhere it is a name (a cell block called b2). */
  sheet?: boolean;
}

/** Binding powers, low to high, as Excel has them; unary minus binds tighter than `^` (-2^2 = 4). */
const BINARY: Record<string, { power: number; op: BinaryOp }> = {
  '=': { power: 1, op: '=' },
  '<>': { power: 1, op: '<>' },
  '<': { power: 1, op: '<' },
  '>': { power: 1, op: '>' },
  '<=': { power: 1, op: '<=' },
  '>=': { power: 1, op: '>=' },
  '&': { power: 2, op: '&' },
  '+': { power: 3, op: '+' },
  '-': { power: 3, op: '-' },
  '*': { power: 4, op: '*' },
  '/': { power: 4, op: '/' },
  '^': { power: 5, op: '^' },
};

/** Whether a cell's text is a formula rather than a typed value. */
export function isFormulaText(text: string): boolean {
  return text.startsWith('=') && text.trim().length > 1;
}

/**
 * Reads a formula (with its leading `=`) into a tree; throws a FormulaSyntaxError that says what
 * is wrong and where. Names are not resolved here: that needs the workbook.
 */
export function parseFormula(text: string, options: ParseOptions = {}): FormulaNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (offset = 0): Token => tokens[Math.min(pos + offset, tokens.length - 1)]!;
  const next = (): Token => tokens[pos++]!;
  const span = (start: number, end: number): Span => ({ start, end });
  const fail = (message: string, at: Token | Span, code: ErrorCode = '#ERROR!'): never => {
    throw new FormulaSyntaxError(message, { start: at.start, end: Math.max(at.end, at.start + 1) }, code);
  };
  const isOp = (t: Token, ...ops: string[]) => t.type === 'op' && ops.includes(t.text);

  function expression(minPower = 1): FormulaNode {
    let left = unary();
    for (;;) {
      const t = peek();
      const binary = t.type === 'op' ? BINARY[t.text] : undefined;
      if (!binary || binary.power < minPower) return left;
      next();
      // All of Excel's binary operators are left-associative, `^` included (2^3^2 = 64).
      const right = expression(binary.power + 1);
      left = { type: 'binary', op: binary.op, left, right, span: span(left.span.start, right.span.end) };
    }
  }

  function unary(): FormulaNode {
    const t = peek();
    if (isOp(t, '-', '+')) {
      next();
      const arg = unary();
      return { type: 'unary', op: t.text as '-' | '+', arg, span: span(t.start, arg.span.end) };
    }
    if (isOp(t, '@')) {
      // `@x`: implicit intersection, Excel's SINGLE(x).
      next();
      const arg = postfix();
      return synthetic(SINGLE, [arg], span(t.start, arg.span.end), t);
    }
    return postfix();
  }

  function postfix(): FormulaNode {
    let node = reference();
    while (isOp(peek(), '%')) {
      const t = next();
      node = { type: 'percent', arg: node, span: span(node.span.start, t.end) };
    }
    return node;
  }

  /** A primary with Excel's reference operators, which bind tightest: `A1#` (a spill) and `x:y` around any references. */
  function reference(): FormulaNode {
    let node = spill(primary());
    while (peek().type === ':') {
      const colon = next();
      const right = spill(primary());
      node = synthetic(RANGE_OPERATOR, [node, right], span(node.span.start, right.span.end), colon);
    }
    return node;
  }

  function spill(node: FormulaNode): FormulaNode {
    const t = peek();
    if (!isOp(t, '#')) return node;
    next();
    return synthetic(ANCHORARRAY, [node], span(node.span.start, t.end), t);
  }

  function synthetic(name: string, args: FormulaNode[], at: Span, op: Token): FormulaNode {
    return { type: 'call', name, args, span: at, nameSpan: span(op.start, op.end) };
  }

  function primary(): FormulaNode {
    const t = peek();
    switch (t.type) {
      case 'number':
        if (options.sheet && isRowPart(t) && peek(1).type === ':' && isRowPart(peek(2))) return rowRange(next());
        if (t.text.startsWith('$')) return fail(`${t.text} is a row; a whole row is written ${t.text}:${t.text}.`, t);
        next();
        return { type: 'number', value: t.value as number, span: span(t.start, t.end) };
      case 'string':
        next();
        return { type: 'string', value: t.value as string, span: span(t.start, t.end) };
      case 'error':
        next();
        return { type: 'error', code: t.value as ErrorCode, span: span(t.start, t.end) };
      case '(': {
        next();
        if (peek().type === ')') fail('Empty parentheses: put a value inside.', peek());
        const inner = expression();
        const close = peek();
        if (close.type !== ')') fail(`Expected ) to close the ( at ${t.start + 1}.`, close);
        next();
        return applied({ ...inner, span: span(t.start, close.end) });
      }
      case '{':
        return array();
      case 'column':
        next();
        return { type: 'column', column: t.value as string, thisRow: t.thisRow ?? false, span: span(t.start, t.end) };
      case 'param':
        if (options.sheet && isColumnPart(t) && peek(1).type === ':') return columnRange(next());
        next();
        return { type: 'name', name: t.value as string, span: span(t.start, t.end) };
      case 'sheet':
        return sheetReference();
      case 'a1':
        return addressOrName();
      case 'ident':
        return identifier();
      case 'eof':
        return fail(pos <= 1 ? 'The formula is empty after =.' : 'The formula ends too early: a value is missing.', t);
      default:
        return fail(`Unexpected ${t.text}.`, t);
    }
  }

  function identifier(): FormulaNode {
    const t = next();
    const after = peek();
    if (after.type === '(') return applied(call(t));
    if (after.type === 'column' && after.start === t.end) {
      next();
      return { type: 'column', table: t.text, column: after.value as string, thisRow: after.thisRow ?? false, span: span(t.start, after.end) };
    }
    const upper = t.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { type: 'boolean', value: upper === 'TRUE', span: span(t.start, t.end) };
    if (options.sheet && isColumnPart(t) && peek().type === ':' && isColumnPart(peek(1))) return columnRange(t);
    return { type: 'name', name: t.text, span: span(t.start, t.end) };
  }

  /** `LAMBDA(x, x+1)(5)`, `(f)(5)`: what a call or a parenthesized expression gives, called in place. */
  function applied(node: FormulaNode): FormulaNode {
    while (peek().type === '(') {
      const name = node.type === 'call' ? node.name : 'LAMBDA';
      const callee = node;
      node = { ...call({ type: 'ident', text: name, start: node.span.start, end: node.span.end }), callee } as FormulaNode;
    }
    return node;
  }

  function call(nameToken: Token): FormulaNode {
    const open = next();
    const args: FormulaNode[] = [];
    if (peek().type === ')') {
      const close = next();
      return { type: 'call', name: nameToken.text.toUpperCase(), args, span: span(nameToken.start, close.end), nameSpan: span(nameToken.start, nameToken.end) };
    }
    for (;;) {
      const t = peek();
      if (t.type === ',' || t.type === ')') args.push({ type: 'empty', span: span(t.start, t.start) });
      else args.push(expression());
      const sep = peek();
      if (sep.type === ',') {
        next();
        continue;
      }
      if (sep.type === ')') {
        next();
        return { type: 'call', name: nameToken.text.toUpperCase(), args, span: span(nameToken.start, sep.end), nameSpan: span(nameToken.start, nameToken.end) };
      }
      if (sep.type === 'eof') fail(`Expected ) to close ${nameToken.text.toUpperCase()}( at ${open.start + 1}.`, sep);
      fail(`Expected , or ) in ${nameToken.text.toUpperCase()}(…), not ${sep.text}.`, sep);
    }
  }

  function array(): FormulaNode {
    const open = next();
    const rows: FormulaNode[][] = [[]];
    for (;;) {
      const t = peek();
      let value: FormulaNode;
      const negative = isOp(t, '-');
      if (negative) next();
      const v = peek();
      if (v.type === 'number') {
        next();
        value = { type: 'number', value: negative ? -(v.value as number) : (v.value as number), span: span(t.start, v.end) };
      } else if (!negative && v.type === 'string') {
        next();
        value = { type: 'string', value: v.value as string, span: span(v.start, v.end) };
      } else if (!negative && v.type === 'error') {
        next();
        value = { type: 'error', code: v.value as ErrorCode, span: span(v.start, v.end) };
      } else if (!negative && v.type === 'ident' && /^(TRUE|FALSE)$/i.test(v.text)) {
        next();
        value = { type: 'boolean', value: v.text.toUpperCase() === 'TRUE', span: span(v.start, v.end) };
      } else {
        return fail('An array constant holds numbers, text, TRUE/FALSE or errors, as in {1,2;3,4}.', v);
      }
      rows[rows.length - 1]!.push(value);
      const sep = next();
      if (sep.type === ',') continue;
      if (sep.type === ';') {
        rows.push([]);
        continue;
      }
      if (sep.type === '}') {
        const width = rows[0]!.length;
        if (rows.some((r) => r.length !== width)) fail('Every row of an array constant needs the same number of values.', span(open.start, sep.end));
        return { type: 'array', rows, span: span(open.start, sep.end) };
      }
      return fail('Expected , ; or } in the array constant.', sep);
    }
  }

  /** `sheet1!B2`, `sheet1!B2:C9`, `sheet1!A:A`. */
  function sheetReference(): FormulaNode {
    const sheet = next();
    const t = peek();
    if (t.type === 'a1') return addressOrRange(next(), sheet.value as string, sheet.start);
    if (isColumnPart(t) && peek(1).type === ':') return columnRange(next(), sheet.value as string, sheet.start);
    if (isRowPart(t) && peek(1).type === ':') return rowRange(next(), sheet.value as string, sheet.start);
    return fail(`Expected a cell address after ${sheet.text}, as in ${sheet.text}A1.`, t);
  }

  function addressOrName(): FormulaNode {
    const t = next();
    if (options.sheet) return addressOrRange(t, undefined, t.start);
    const a1 = t.a1!;
    // Outside a sheet `q1` and `$q1` are names (a cell called q1); `A$1` can only mean an address.
    if (a1.rowAbs) return fail(`${t.text} is a sheet address; addresses only work inside a sheet or as sheet!${t.text.replaceAll('$', '')}.`, t, '#REF!');
    return { type: 'name', name: t.text.replace(/^\$/, ''), span: span(t.start, t.end) };
  }

  function addressOrRange(t: Token, sheet: string | undefined, start: number): FormulaNode {
    const first = address(t);
    // `A1:B2` is one range; `A1:OFFSET(…)` is the range operator, read in reference().
    if (peek().type !== ':' || peek(1).type !== 'a1') return { type: 'cell', sheet, address: first, span: span(start, t.end) };
    next();
    const endToken = next();
    const end = address(endToken);
    return { type: 'range', sheet, start: first, end, span: span(start, endToken.end) };
  }

  /** `A:C`, `$A:$C`: whole columns, `end.row` -1. */
  function columnRange(t: Token, sheet?: string, start = t.start): FormulaNode {
    next(); // ':'
    const endToken = next();
    if (!isColumnPart(endToken)) return fail(`Expected a column after ${t.text}:, as in ${t.text}:${t.text}.`, endToken);
    const whole = (p: Token): CellAddress => ({ col: columnIndex(String(p.type === 'param' ? p.value : p.text)), row: -1, colAbs: p.type === 'param', rowAbs: false });
    return { type: 'range', sheet, start: { ...whole(t), row: 0 }, end: whole(endToken), span: span(start, endToken.end) };
  }

  /** `1:3`, `$47:$47`: whole rows, `end.col` -1. */
  function rowRange(t: Token, sheet?: string, start = t.start): FormulaNode {
    next(); // ':'
    const endToken = next();
    const whole = (p: Token): CellAddress => {
      if ((p.value as number) < 1 || (p.value as number) > 1_048_576) fail(`${p.text} is not a row: rows go from 1 to 1048576.`, p, '#REF!');
      return { row: (p.value as number) - 1, col: -1, rowAbs: p.text.startsWith('$'), colAbs: false };
    };
    return { type: 'range', sheet, start: { ...whole(t), col: 0 }, end: whole(endToken), span: span(start, endToken.end) };
  }

  const node = expression();
  const rest = peek();
  if (rest.type !== 'eof') {
    if (rest.type === ')') fail('There is a ) with no ( to match.', rest);
    fail(`Unexpected ${rest.text} after a complete formula: is an operator missing?`, rest);
  }
  return node;
}

/** The names the parser gives Excel's reference operators, as calls the evaluator reads (references/). */
export const RANGE_OPERATOR = ':';
export const SINGLE = 'SINGLE';
export const ANCHORARRAY = 'ANCHORARRAY';

/** `A`, `$A`: one end of a whole-column range. */
function isColumnPart(t: Token): boolean {
  return (t.type === 'ident' && /^[A-Za-z]{1,3}$/.test(t.text)) || (t.type === 'param' && /^[A-Za-z]{1,3}$/.test(String(t.value)) && t.text === `$${String(t.value)}`);
}

/** `3`, `$3`: one end of a whole-row range. */
function isRowPart(t: Token): boolean {
  return t.type === 'number' && /^\$?[0-9]+$/.test(t.text);
}

function address(t: Token): CellAddress {
  const a1 = t.a1!;
  if (a1.row < 1) throw new FormulaSyntaxError(`${t.text} is not a cell: rows start at 1.`, { start: t.start, end: t.end }, '#REF!');
  return { col: columnIndex(a1.col), row: a1.row - 1, colAbs: a1.colAbs, rowAbs: a1.rowAbs };
}
