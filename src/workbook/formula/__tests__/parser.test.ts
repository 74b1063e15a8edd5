import { describe, expect, test } from 'vitest';
import type { FormulaNode } from '../ast';
import { FormulaSyntaxError } from '../errors';
import { parseFormula } from '../parser';

/** The tree as compact text, for reading precedence at a glance. */
function show(n: FormulaNode): string {
  switch (n.type) {
    case 'number':
      return String(n.value);
    case 'string':
      return JSON.stringify(n.value);
    case 'boolean':
      return n.value ? 'TRUE' : 'FALSE';
    case 'error':
      return n.code;
    case 'empty':
      return '_';
    case 'name':
      return n.name;
    case 'cell':
      return `${n.sheet ? `${n.sheet}!` : ''}${n.address.colAbs ? '$' : ''}${n.address.col}:${n.address.rowAbs ? '$' : ''}${n.address.row}`;
    case 'range':
      return `${n.sheet ? `${n.sheet}!` : ''}(${n.start.col},${n.start.row})..(${n.end.col},${n.end.row})`;
    case 'column':
      return `${n.table ?? ''}[${n.thisRow ? '@' : ''}${n.column}]`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
    case 'unary':
      return `(${n.op}${show(n.arg)})`;
    case 'percent':
      return `(${show(n.arg)}%)`;
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'array':
      return `{${n.rows.map((r) => r.map(show).join(',')).join(';')}}`;
  }
}

const read = (text: string, sheet = false) => show(parseFormula(text, { sheet }));

function syntaxError(text: string, sheet = false): FormulaSyntaxError {
  try {
    parseFormula(text, { sheet });
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return e;
    throw e;
  }
  throw new Error(`${text} parsed`);
}

describe('precedence follows Excel', () => {
  test('multiplication before addition, comparison last', () => {
    expect(read('=1+2*3=7')).toBe('((1 + (2 * 3)) = 7)');
  });
  test('unary minus binds tighter than ^: -2^2 is 4', () => {
    expect(read('=-2^2')).toBe('((-2) ^ 2)');
  });
  test('^ is left-associative: 2^3^2 is 64', () => {
    expect(read('=2^3^2')).toBe('((2 ^ 3) ^ 2)');
  });
  test('& binds looser than + and tighter than =', () => {
    expect(read('=1+2&"x"="3x"')).toBe('(((1 + 2) & "x") = "3x")');
  });
  test('percent is postfix on its operand', () => {
    expect(read('=50%*2')).toBe('((50%) * 2)');
  });
  test('parentheses group', () => {
    expect(read('=(1+2)*3')).toBe('((1 + 2) * 3)');
  });
});

describe('values and references', () => {
  test('strings double their quotes; errors and booleans are literals', () => {
    expect(read('="say ""hi"""')).toBe('"say \\"hi\\""');
    expect(read('=IF(TRUE, #N/A, #DIV/0!)')).toBe('IF(TRUE, #N/A, #DIV/0!)');
  });
  test('columns: this table, another table, this row, names with spaces', () => {
    expect(read('=[qty]*[price]')).toBe('([qty] * [price])');
    expect(read('=SUM(sales[amount])')).toBe('SUM(sales[amount])');
    expect(read('=[@qty] + sales[@qty]')).toBe('([@qty] + sales[@qty])');
    expect(read('=[unit price] + [@[unit price]]')).toBe('([unit price] + [@unit price])');
    expect(read("=[a']b]")).toBe('[a]b]');
  });
  test('names and $names are cells; function names are case-insensitive and may have dots', () => {
    expect(read('=SUM(sales[amount]) / $target')).toBe('(SUM(sales[amount]) / target)');
    expect(read('=stdev.s(x)')).toBe('STDEV.S(x)');
  });
  test('outside a sheet, q1 and $q1 are names; inside a sheet they are addresses', () => {
    expect(read('=q1 + $q1')).toBe('(q1 + q1)');
    expect(read('=q1 + $Q$1', true)).toBe('(16:0 + $16:$0)');
  });
  test('sheet addresses, ranges, whole columns and other sheets', () => {
    expect(read('=SUM(B2:B20)', true)).toBe('SUM((1,1)..(1,19))');
    expect(read('=sheet2!A1 + SUM(sheet2!A:A)', true)).toBe('(sheet2!0:0 + SUM(sheet2!(0,0)..(0,-1)))');
    expect(read("='my sheet'!C3", true)).toBe('my sheet!2:2');
  });
  test('functions whose names look like addresses stay functions', () => {
    expect(read('=LOG10(100)', true)).toBe('LOG10(100)');
  });
  test('omitted arguments and array constants', () => {
    expect(read('=IF(x,,1)')).toBe('IF(x, _, 1)');
    expect(read('={1,2;3,-4}')).toBe('{1,2;3,-4}');
  });
});

describe('syntax errors say what and where', () => {
  test('an unclosed call points at the end and names the function', () => {
    const e = syntaxError('=SUM(1, 2');
    expect(e.message).toBe('Expected ) to close SUM( at 5.');
    expect(e.span.start).toBe(9);
  });
  test('an unclosed string', () => {
    expect(syntaxError('="abc').message).toMatch(/no closing quote/);
  });
  test('a stray token after a complete formula', () => {
    const e = syntaxError('=1 2');
    expect(e.message).toMatch(/Unexpected 2/);
    expect(e.span).toEqual({ start: 3, end: 4 });
  });
  test('an operator with nothing after it', () => {
    expect(syntaxError('=1+').message).toMatch(/ends too early/);
  });
  test('an empty formula', () => {
    expect(syntaxError('=').message).toMatch(/empty/);
  });
  test('an address with $ in the row outside a sheet', () => {
    const e = syntaxError('=A$1');
    expect(e.code).toBe('#REF!');
  });
  test('ragged array constants', () => {
    expect(syntaxError('={1,2;3}').message).toMatch(/same number of values/);
  });
});
