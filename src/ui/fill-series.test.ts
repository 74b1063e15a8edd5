import { describe, expect, test } from 'vitest';
import { fillDownTo, fillSeries, fillTarget } from './fill-series';
import { cellKey, parseCellKey, type CellPos, type CellRange, type RawOf } from './sheet-selection';

const sheet = (cells: Record<string, string>): RawOf => (k) => cells[k];
/** `A1:A2` → a range. */
const r = (label: string): CellRange => {
  const [a, b = a] = label.split(':').map((k) => parseCellKey(k)!);
  return { top: a!.row, left: a!.col, bottom: b!.row, right: b!.col };
};

describe('fill handle: series', () => {
  test('two numbers make a series (1, 2 → 3, 4, …)', () => {
    expect(fillSeries(r('A1:A2'), r('A1:A6'), sheet({ A1: '1', A2: '2' }))).toEqual({ A3: '3', A4: '4', A5: '5', A6: '6' });
    expect(fillSeries(r('A1:B1'), r('A1:D1'), sheet({ A1: '10', B1: '7.5' }))).toEqual({ C1: '5', D1: '2.5' });
  });

  test('decimals step without binary noise (0.1, 0.2 → 0.3)', () => {
    expect(fillSeries(r('A1:A2'), r('A1:A3'), sheet({ A1: '0.1', A2: '0.2' }))).toEqual({ A3: '0.3' });
  });

  test('three or more numbers follow their least-squares trend, as Excel does', () => {
    expect(fillSeries(r('A1:A3'), r('A1:A4'), sheet({ A1: '1', A2: '2', A3: '4' }))).toEqual({ A4: '5.33333333333333' });
  });

  test('one number is copied (Excel without Ctrl)', () => {
    expect(fillSeries(r('B2'), r('B2:B4'), sheet({ B2: '7' }))).toEqual({ B3: '7', B4: '7' });
  });

  test('dragging up or left runs the series backwards', () => {
    expect(fillSeries(r('A3:A4'), r('A1:A4'), sheet({ A3: '1', A4: '2' }))).toEqual({ A1: '-1', A2: '0' });
    expect(fillSeries(r('C1'), r('A1:C1'), sheet({ C1: 'Item 3' }))).toEqual({ A1: 'Item 1', B1: 'Item 2' });
  });

  test('dates step by a day, or by the difference of two', () => {
    expect(fillSeries(r('A1'), r('A1:A3'), sheet({ A1: '2024-02-28' }))).toEqual({ A2: '2024-02-29', A3: '2024-03-01' });
    expect(fillSeries(r('A1:A2'), r('A1:A3'), sheet({ A1: '3/1/2024', A2: '3/8/2024' }))).toEqual({ A3: '3/15/2024' });
  });

  test('text ending in a number counts on (Item 1 → Item 2), keeping leading zeros', () => {
    expect(fillSeries(r('A1'), r('A1:A3'), sheet({ A1: 'Item 1' }))).toEqual({ A2: 'Item 2', A3: 'Item 3' });
    expect(fillSeries(r('A1:A2'), r('A1:A3'), sheet({ A1: 'Q1', A2: 'Q3' }))).toEqual({ A3: 'Q5' });
    expect(fillSeries(r('A1'), r('A1:A2'), sheet({ A1: 'row 009' }))).toEqual({ A2: 'row 010' });
  });

  test('a number typed with a currency sign is copied, not counted as text', () => {
    expect(fillSeries(r('A1'), r('A1:A2'), sheet({ A1: '$5' }))).toEqual({ A2: '$5' });
  });

  test('formulas repeat shifted as copying shifts them; $ refs stay', () => {
    expect(fillSeries(r('B1'), r('B1:B3'), sheet({ B1: '=A1*2+$C$1' }))).toEqual({ B2: '=A2*2+$C$1', B3: '=A3*2+$C$1' });
    expect(fillSeries(r('A2'), r('A2:C2'), sheet({ A2: '=A1+1' }))).toEqual({ B2: '=B1+1', C2: '=C1+1' });
  });

  test('plain text and mixed lines repeat the source', () => {
    expect(fillSeries(r('A1:A2'), r('A1:A5'), sheet({ A1: 'x', A2: '1' }))).toEqual({ A3: 'x', A4: '1', A5: 'x' });
    expect(fillSeries(r('A1'), r('A1:A2'), sheet({ A1: 'hello' }))).toEqual({ A2: 'hello' });
  });

  test('each column of a wide source fills on its own', () => {
    expect(fillSeries(r('A1:B2'), r('A1:B3'), sheet({ A1: '1', A2: '3', B1: 'a', B2: 'b' }))).toEqual({ A3: '5', B3: 'a' });
  });

  test('empty source cells clear what the fill covers', () => {
    expect(fillSeries(r('A1'), r('A1:A2'), sheet({ A2: 'old' }))).toEqual({ A2: null });
  });

  test('dragging the handle back inside the selection clears what it leaves', () => {
    expect(fillSeries(r('A1:A4'), r('A1:A2'), sheet({ A1: '1', A2: '2', A3: '3', A4: '4' }))).toEqual({ A3: null, A4: null });
  });
});

describe('double-clicking the fill handle', () => {
  const filledIn = (cells: Record<string, string>) => (p: CellPos) => (cells[cellKey(p)] ?? '') !== '';
  test('fills down as far as the column to the left has data', () => {
    expect(fillDownTo(r('B1'), filledIn({ A1: 'a', A2: 'b', A3: 'c', A5: 'e' }), 5)).toBe(2);
  });
  test('follows the column to the right when the left one is empty', () => {
    expect(fillDownTo(r('A1:A2'), filledIn({ B1: 'x', B2: 'y', B3: 'z', B4: 'w' }), 4)).toBe(3);
  });
  test('does nothing beside no data, and never passes the used rows', () => {
    expect(fillDownTo(r('B1'), filledIn({}), 0)).toBeUndefined();
    expect(fillDownTo(r('B1'), () => true, 10)).toBe(9);
  });
});

describe('dragging the fill handle', () => {
  test('grows the selection the way the pointer is furthest out', () => {
    expect(fillTarget(r('A1:A2'), parseCellKey('A10')!)).toEqual(r('A1:A10'));
    expect(fillTarget(r('B2'), parseCellKey('E3')!)).toEqual(r('B2:E2'));
    expect(fillTarget(r('B5'), parseCellKey('B1')!)).toEqual(r('B1:B5'));
    expect(fillTarget(r('C1'), parseCellKey('A1')!)).toEqual(r('A1:C1'));
  });
  test('dragged back inside the selection, cuts it to the pointer', () => {
    expect(fillTarget(r('A1:A4'), parseCellKey('A2')!)).toEqual(r('A1:A2'));
    expect(fillTarget(r('A1'), parseCellKey('A1')!)).toEqual(r('A1'));
  });
});
