import { describe, expect, it } from 'vitest';
import type { BlockId } from '../document';
import { findAll, replaceAll, replaceInText } from './find';
import { createSheetData, NUMBER, TEXT } from '../sheet-data';
import { docOf, sheet, sheetIn } from './test-doc';

const S = 'S' as BlockId;

describe('findAll', () => {
  const s = sheet('S', { B1: 'apple pie', A2: 'Apple', A1: 'grape', C3: '=UPPER("apple")' });

  it('finds cells containing the text, any case, in reading order, formulas included', () => {
    expect(findAll(s, 'apple')).toEqual(['B1', 'A2', 'C3']);
  });

  it('matches case and the whole cell when asked', () => {
    expect(findAll(s, 'Apple', { matchCase: true })).toEqual(['A2']);
    expect(findAll(s, 'apple', { wholeCell: true })).toEqual(['A2']);
  });

  it('looks in what formulas show when looking in values', () => {
    const shown = (k: string) => (k === 'C3' ? 'APPLE' : undefined);
    expect(findAll(s, 'APPLE', { lookIn: 'values', matchCase: true }, shown)).toEqual(['C3']);
    expect(findAll(s, 'UPPER', { lookIn: 'values' }, shown)).toEqual([]);
  });

  it('matches a number as its format shows it when looking in values', () => {
    const money = sheet('S', { A1: '1234.5' });
    expect(findAll(money, '$1,234.50', { lookIn: 'values' }, () => '$1,234.50')).toEqual(['A1']);
    expect(findAll(money, '$1,234.50')).toEqual([]);
  });

  it('treats the query as plain text, not a pattern', () => {
    expect(findAll(sheet('S', { A1: 'a.c', A2: 'abc' }), 'a.c')).toEqual(['A1']);
  });

  it('says what to do when the query is empty', () => {
    expect(() => findAll(s, '')).toThrow(/Type something to find/);
  });
});

describe('replaceAll', () => {
  it('replaces every occurrence and counts the cells changed', () => {
    const { doc, count } = replaceAll(docOf(sheet('S', { A1: 'cat cat', A2: 'Cat', A3: 'dog' })), S, 'cat', 'fox');
    expect(count).toBe(2);
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: 'fox fox', A2: 'fox', A3: 'dog' });
  });

  it('replaces inside formulas when looking in formulas, and leaves them when looking in values', () => {
    const start = docOf(sheet('S', { A1: '=A2*2' }));
    expect(sheetIn(replaceAll(start, S, 'A2', 'B2').doc, 'S').cells.A1).toBe('=B2*2');
    expect(replaceAll(start, S, 'A2', 'B2', { lookIn: 'values' }).count).toBe(0);
  });

  it('clears a cell replaced by nothing', () => {
    const { doc } = replaceAll(docOf(sheet('S', { A1: 'x' })), S, 'x', '', { wholeCell: true });
    expect(sheetIn(doc, 'S').cells).toEqual({});
  });

  it('keeps $ and other replacement characters literally', () => {
    expect(replaceInText('price', 'price', '$&$1')).toBe('$&$1');
  });
});

describe('find and replace on a big sheet', () => {
  const data = createSheetData(3, 2);
  const put = (row: number, col: number, text: string) => {
    data.kind[col * 3 + row] = TEXT;
    data.text.set(col * 3 + row, text);
  };
  put(0, 0, 'apple');
  put(1, 1, 'Apple tart');
  put(2, 0, 'pear');
  data.kind[1] = NUMBER;
  data.num[1] = 42;
  const big = sheet('S', { A1: 'fig', B3: 'apple jam', A3: '' }, { data: { file: 'big.xlsx', sheet: 'Data', rows: 3, cols: 2 } });

  it('finds stored cells under the edits, in reading order', () => {
    expect(findAll(big, 'apple', {}, undefined, data)).toEqual(['B2', 'B3']);
    expect(findAll(big, '42', {}, undefined, data)).toEqual(['A2']);
    expect(findAll(big, 'pear', {}, undefined, data)).toEqual([]);
  });

  it('replaces in stored cells as edits over them, and an emptied one stays cleared', () => {
    const { doc, count } = replaceAll(docOf(big), S, 'apple tart', '', { wholeCell: true }, data);
    expect(count).toBe(1);
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: 'fig', B3: 'apple jam', A3: '', B2: '' });
  });

  it('refuses to turn more than 10,000 stored cells into edits, saying what to do', () => {
    const many = createSheetData(10_001, 1);
    many.kind.fill(TEXT);
    for (let i = 0; i < 10_001; i++) many.text.set(i, 'x');
    const s = sheet('S', {}, { data: { file: 'big.xlsx', sheet: 'Data', rows: 10_001, cols: 1 } });
    expect(() => replaceAll(docOf(s), S, 'x', 'y', {}, many)).toThrow(/more than 10,000 of the cells stored in big.xlsx match/);
  });
});
