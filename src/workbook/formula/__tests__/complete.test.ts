import { describe, expect, test } from 'vitest';
import type { FunctionSpec } from '../catalog';
import { completeAt, highlightSpans, scanFormula, signatureAt, signatureParts, type CompletionContext } from '../complete';
import { allFunctions } from '../functions/index';

const ctx: CompletionContext = {
  columns: ['qty', 'unit price', 'sum total', 'odd]name'],
  tables: { sales: ['amount', 'region'], Airports: ['iata', 'city'] },
  cells: ['target', 'summary_rate'],
};

/** Completes where `|` is, the `|` removed. */
function at(marked: string, c: CompletionContext = ctx, explicit = false) {
  const cursor = marked.indexOf('|');
  const text = marked.slice(0, cursor) + marked.slice(cursor + 1);
  return { text, result: completeAt(text, cursor, c, { explicit }) };
}

function labels(marked: string, c: CompletionContext = ctx): string[] {
  return at(marked, c).result?.options.map((o) => o.label) ?? [];
}

/** The text after applying the first option whose label is `label`. */
function accept(marked: string, label: string): string {
  const { text, result } = at(marked);
  const option = result?.options.find((o) => o.label === label);
  if (!result || !option) throw new Error(`no option ${label} at ${marked}`);
  return text.slice(0, result.from) + option.apply + text.slice(result.to);
}

function sig(marked: string) {
  const cursor = marked.indexOf('|');
  const s = signatureAt(marked.slice(0, cursor) + marked.slice(cursor + 1), cursor);
  return s && { name: s.spec.name, arg: s.argIndex, param: s.param?.name };
}

describe('completion of functions and names', () => {
  test('a typed prefix offers the functions starting with it, with signature and summary, applying NAME(', () => {
    const { result } = at('=SU|');
    const sum = result?.options.find((o) => o.label === 'SUM');
    expect(sum).toMatchObject({ kind: 'function', apply: 'SUM(', detail: 'SUM(number, …)' });
    expect(sum?.info).toBeTruthy();
    expect(result).toMatchObject({ from: 1, to: 3 });
    expect(accept('=SU|', 'SUM')).toBe('=SUM(');
  });

  test('matching ignores case, and prefix matches come before substring matches', () => {
    const got = labels('=su|');
    expect(got.indexOf('SUM')).toBeGreaterThanOrEqual(0);
    // `[sum total]` and `summary_rate` start with "su"; `[unit price]` does not contain it.
    expect(got).toContain('[sum total]');
    expect(got).toContain('summary_rate');
    expect(got).not.toContain('[unit price]');
    const substring = labels('=ount|');
    expect(substring).toContain('COUNT');
    expect(substring).toContain('COUNTA');
  });

  test('every prefix match is listed before any substring match', () => {
    const got = labels('=a|');
    const firstSubstring = got.findIndex((l) => !l.replace(/^\[/, '').toLowerCase().startsWith('a'));
    const lastPrefix = got.map((l) => l.replace(/^\[/, '').toLowerCase().startsWith('a')).lastIndexOf(true);
    expect(firstSubstring === -1 || lastPrefix < firstSubstring).toBe(true);
  });

  test('columns of the own table are offered as [col], escaping brackets in their names', () => {
    expect(accept('=1+un|', '[unit price]')).toBe('=1+[unit price]');
    expect(accept('=odd|', '[odd]name]')).toBe("=[odd']name]");
  });

  test('tables and named cells are offered by name', () => {
    const { result } = at('=air|');
    expect(result?.options.find((o) => o.label === 'Airports')).toMatchObject({ kind: 'table', apply: 'Airports' });
    expect(at('=tar|').result?.options.find((o) => o.label === 'target')).toMatchObject({ kind: 'cell', apply: 'target' });
  });

  test('after $ only named cells are offered', () => {
    expect(labels('=$s|')).toEqual(['summary_rate']);
  });

  test('the whole word at the cursor is replaced, and an existing ( is not doubled', () => {
    expect(accept('=SU|MX(1)', 'SUM')).toBe('=SUM(1)');
    expect(accept('=IF(A1, co|', 'COUNT')).toBe('=IF(A1, COUNT(');
  });

  test('a word that already is a name offers nothing that would leave it unchanged', () => {
    expect(labels('=target|')).toEqual([]);
    expect(at('=target|').result).toBeNull();
  });

  test('nothing is offered inside a string, a number, an error literal or before anything is typed', () => {
    expect(at('="SU|').result).toBeNull();
    expect(at('=LEFT("su|m", 1)').result).toBeNull();
    expect(at('=12|').result).toBeNull();
    expect(at('=#N|').result).toBeNull();
    expect(at('=1+|').result).toBeNull();
    expect(at('=SUM(|').result).toBeNull();
  });

  test('asked for explicitly with nothing typed, everything is offered', () => {
    const got = at('=1+|', ctx, true).result?.options.map((o) => o.label) ?? [];
    expect(got).toContain('[qty]');
    expect(got).toContain('sales');
    expect(got).toContain('target');
    expect(got.filter((l) => /^[A-Z.0-9]+$/.test(l)).length).toBe(allFunctions().length);
  });

  test('in a sheet a cell address is not completed, nor an absolute one', () => {
    const sheet = { ...ctx, sheet: true };
    expect(at('=B2|', sheet).result).toBeNull();
    expect(at('=$B|', sheet).result).toBeNull();
    expect(at('=su|', sheet).result?.options.map((o) => o.label)).toContain('SUM');
  });
});

describe('completion of columns inside brackets', () => {
  test('an open [ offers the own table columns, closing the bracket', () => {
    const { result } = at('=[|');
    expect(result?.options.map((o) => o.label)).toEqual(['qty', 'unit price', 'sum total', 'odd]name']);
    expect(result?.options[0]).toMatchObject({ kind: 'column', apply: 'qty]' });
    expect(accept('=SUM([un|', 'unit price')).toBe('=SUM([unit price]');
  });

  test('after table[ the columns are that table, the table name matched case-insensitively', () => {
    expect(labels('=SUM(sales[|')).toEqual(['amount', 'region']);
    expect(labels('=SUM(airports[c|')).toEqual(['city']);
    expect(accept('=SUM(sales[re|', 'region')).toBe('=SUM(sales[region]');
  });

  test('an unknown table offers no columns', () => {
    expect(at('=nosuch[|').result).toBeNull();
  });

  test('inside a closed bracket the closing ] is replaced, not doubled', () => {
    expect(accept('=[|]', 'qty')).toBe('=[qty]');
    expect(accept('=[u|x] * 2', 'unit price')).toBe('=[unit price] * 2');
  });

  test('this-row references keep their @ and nested brackets are closed twice', () => {
    expect(accept('=[@q|', 'qty')).toBe('=[@qty]');
    expect(accept('=[@[un|', 'unit price')).toBe('=[@[unit price]]');
  });

  test('columns match by substring too', () => {
    expect(labels('=[price|')).toEqual(['unit price']);
  });
});

describe('signature help', () => {
  test('the argument index counts top-level commas of the innermost call', () => {
    expect(sig('=IF(|')).toEqual({ name: 'IF', arg: 0, param: 'condition' });
    expect(sig('=IF(A1>0, |')).toEqual({ name: 'IF', arg: 1, param: 'value_if_true' });
    expect(sig('=IF(A1>0, LEFT("a,b", |')).toEqual({ name: 'LEFT', arg: 1, param: 'count' });
    expect(sig('=IF(A1>0, LEFT("a,b", 1), |')).toEqual({ name: 'IF', arg: 2, param: 'value_if_false' });
  });

  test('commas in strings, brackets, braces and nested calls do not count', () => {
    expect(sig('=IF(SUM(1,2,3), [a,b], |')).toEqual({ name: 'IF', arg: 2, param: 'value_if_false' });
    expect(sig('=IF({1,2;3,4}, "x,y", |')).toEqual({ name: 'IF', arg: 2, param: 'value_if_false' });
    expect(sig('=IF((1,2), |')).toEqual({ name: 'IF', arg: 1, param: 'value_if_true' });
  });

  test('inside an unclosed string the call is still known', () => {
    expect(sig('=LEFT("abc, d|')).toEqual({ name: 'LEFT', arg: 0, param: 'text' });
  });

  test('a repeated parameter group wraps around', () => {
    expect(sig('=SUM(1, 2, 3, |')).toEqual({ name: 'SUM', arg: 3, param: 'number' });
  });

  test('function names are matched case-insensitively', () => {
    expect(sig('=sum(|')?.name).toBe('SUM');
  });

  test('outside a call, after it closes, on its name, or in an unknown function there is none', () => {
    expect(sig('=1+|')).toBeNull();
    expect(sig('=SUM(1)|')).toBeNull();
    expect(sig('=SU|M(1)')).toBeNull();
    expect(sig('=SUM(NOSUCH(|')).toBeNull();
    expect(sig('=(1+|')).toBeNull();
  });

  test('the signature marks the current parameter, wrapping in repeated groups', () => {
    const spec: FunctionSpec = {
      name: 'SUMIFS',
      category: 'statistics',
      summary: 's',
      params: [{ name: 'sum_range' }, { name: 'criteria_range' }, { name: 'criterion' }],
      repeat: 2,
      example: { formula: '', result: '' },
      scalar: () => null,
    };
    const show = (i: number) => signatureParts(spec, i).map((p) => (p.current ? `*${p.text}*` : p.text)).join('');
    expect(show(0)).toBe('SUMIFS(*sum_range*, criteria_range, criterion, …)');
    expect(show(2)).toBe('SUMIFS(sum_range, criteria_range, *criterion*, …)');
    expect(show(3)).toBe('SUMIFS(sum_range, *criteria_range*, criterion, …)');
    expect(show(4)).toBe('SUMIFS(sum_range, criteria_range, *criterion*, …)');
    const ifSpec = allFunctions().find((f) => f.name === 'IF')!;
    expect(signatureParts(ifSpec, 5).some((p) => p.current)).toBe(false);
    expect(signatureParts(ifSpec, 2).map((p) => p.text).join('')).toBe('IF(condition, value_if_true, [value_if_false])');
  });
});

describe('reading unfinished formulas', () => {
  const partial = ['=', '="', '=SUM(', '=[', '=[@[x', "='my sh", '=#N', '=1 ~ 2', '=$', '=SUM(1,"a', '=a[', '=[]', '={1,2', '=IF(SUM(1', "='a'b"];

  test('never throw, and tokens cover the text in order', () => {
    for (const text of partial) {
      const tokens = scanFormula(text);
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
      for (let cursor = 0; cursor <= text.length; cursor++) {
        expect(() => completeAt(text, cursor, ctx, { explicit: true })).not.toThrow();
        expect(() => signatureAt(text, cursor)).not.toThrow();
      }
    }
  });

  test('an unclosed string runs to the end; a bad character is one invalid piece and lexing goes on', () => {
    expect(scanFormula('=SUM(1,"a').map((t) => t.type)).toEqual(['ident', '(', 'number', ',', 'string']);
    expect(scanFormula('=1 ~ 2').map((t) => t.type)).toEqual(['number', 'invalid', 'number']);
    expect(scanFormula('=1 ~ =2').map((t) => t.text)).toEqual(['1', '~', '=', '2']);
  });

  test('colours functions, strings, numbers, columns, cells and errors', () => {
    const text = '=SUM([qty], sales[amount], "x", 2, B2, $target, #N/A, TRUE, total) ~';
    const kinds = highlightSpans(text).map((s) => `${text.slice(s.from, s.to)}:${s.kind}`);
    expect(kinds).toEqual([
      'SUM:function',
      '[qty]:column',
      'sales:column',
      '[amount]:column',
      '"x":string',
      '2:number',
      'B2:cell',
      '$target:cell',
      '#N/A:error',
      'TRUE:number',
      'total:name',
      '~:invalid',
    ]);
  });
});
