import { describe, expect, it } from 'vitest';
import type { BlockId } from '../document';
import { FormulaError, type Scalar } from '../formula';
import { typedValue } from '../sheet';
import { SheetOpError } from './errors';
import { guessHeader, sortRange } from './sort';
import { docOf, sheet, sheetIn } from './test-doc';

const S = 'S' as BlockId;
/** Values as typed; formulas take the values given. */
const values = (cells: Record<string, string>, computed: Record<string, Scalar> = {}) => (k: string) => (k in computed ? computed[k] : cells[k] === undefined ? undefined : typedValue(cells[k]!));
const column = (doc: ReturnType<typeof docOf>, col: string, n: number) => Array.from({ length: n }, (_, i) => sheetIn(doc, 'S').cells[`${col}${i + 1}`]);

describe('sortRange', () => {
  const cells = { A1: 'pear', A2: '10', A3: 'TRUE', A4: '2', A5: 'Apple', A7: '#N/A' };
  const range = { top: 0, left: 0, bottom: 6, right: 0 };

  it('puts numbers before text before booleans before errors, empties last, as Excel sorts A to Z', () => {
    const doc = sortRange(docOf(sheet('S', cells)), S, range, [{ col: 0 }], values(cells, { A7: new FormulaError('#N/A') }));
    expect(column(doc, 'A', 7)).toEqual(['2', '10', 'Apple', 'pear', 'TRUE', '#N/A', undefined]);
  });

  it('reverses the kinds Z to A and still keeps empties last', () => {
    const doc = sortRange(docOf(sheet('S', cells)), S, range, [{ col: 0, desc: true }], values(cells, { A7: new FormulaError('#N/A') }));
    expect(column(doc, 'A', 7)).toEqual(['#N/A', 'TRUE', 'pear', 'Apple', '10', '2', undefined]);
  });

  it('moves whole rows, keeps the header row, and breaks ties with the next key', () => {
    const c = { A1: 'name', B1: 'n', A2: 'b', B2: '1', A3: 'a', B3: '2', A4: 'a', B4: '1' };
    const doc = sortRange(docOf(sheet('S', c)), S, { top: 0, left: 0, bottom: 3, right: 1 }, [{ col: 0 }, { col: 1, desc: true }], values(c), { header: true });
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: 'name', B1: 'n', A2: 'a', B2: '2', A3: 'a', B3: '1', A4: 'b', B4: '1' });
  });

  it('sorts formulas by their computed values and shifts their relative row references, as Excel does', () => {
    const c = { A1: '3', B1: '=A1*10', A2: '1', B2: '=A2*10+$A$1' };
    const doc = sortRange(docOf(sheet('S', c)), S, { top: 0, left: 0, bottom: 1, right: 1 }, [{ col: 1 }], values(c, { B1: 30, B2: 13 }));
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: '1', B1: '=A1*10+$A$1', A2: '3', B2: '=A2*10' });
  });

  it('moves formats with their rows and leaves cells outside the range alone', () => {
    const c = { A1: '2', A2: '1', C1: 'x' };
    const doc = sortRange(docOf(sheet('S', c, { formats: { A1: '0.0' } })), S, { top: 0, left: 0, bottom: 1, right: 0 }, [{ col: 0 }], values(c));
    expect(sheetIn(doc, 'S').formats).toEqual({ A2: '0.0' });
    expect(sheetIn(doc, 'S').cells.C1).toBe('x');
  });

  it('refuses a sort key outside the range', () => {
    expect(() => sortRange(docOf(sheet('S', {})), S, range, [{ col: 3 }], () => undefined)).toThrow(SheetOpError);
  });
});

describe('guessHeader', () => {
  const range = { top: 0, left: 0, bottom: 2, right: 1 };

  it('takes a first row of text over numbers for a header, as Excel does', () => {
    const c = { A1: 'name', B1: 'qty', A2: 'pear', B2: '3', A3: 'fig', B3: '1' };
    expect(guessHeader(range, values(c))).toBe(true);
    const doc = sortRange(docOf(sheet('S', c)), S, range, [{ col: 1 }], values(c), { header: 'guess' });
    expect(sheetIn(doc, 'S').cells).toEqual({ A1: 'name', B1: 'qty', A2: 'fig', B2: '1', A3: 'pear', B3: '3' });
  });

  it('sorts every row when the first row holds a number or the whole range is text', () => {
    expect(guessHeader(range, values({ A1: 'name', B1: '5', A2: 'x', B2: '3' }))).toBe(false);
    expect(guessHeader(range, values({ A1: 'b', A2: 'a', A3: 'c' }))).toBe(false);
  });
});
