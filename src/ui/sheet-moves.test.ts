import { describe, expect, test } from 'vitest';
import { clampToUsed, tabEnter, usedExtent } from './sheet-moves';
import { cellKey, jump, keyCommand, lastUsed, navigate, parseCellKey, single, type CellPos, type KeyLike } from './sheet-selection';

/** Excel's grid: A1:XFD1048576. */
const EXCEL = { rows: 1_048_576, cols: 16_384 };
const at = (key: string): CellPos => parseCellKey(key)!;
const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({ shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...k });

/** A sparse sheet that counts how many cells were looked at, so a test can say none of 17 billion were walked. */
function sparse(cells: Record<string, string>) {
  const probe = { count: 0 };
  const filled = (p: CellPos) => {
    probe.count++;
    return (cells[cellKey(p)] ?? '') !== '';
  };
  return { filled, probe };
}

describe('an Excel-sized sheet is navigated without walking it', () => {
  test('ctrl+down on an empty column goes to row 1048576 in one step', () => {
    const { filled, probe } = sparse({ A1: '1', B3: 'x' });
    expect(jump(at('C1'), 1, 0, EXCEL, filled, { rows: 3, cols: 2 })).toEqual(at('C1048576'));
    expect(jump(at('A1'), 1, 0, EXCEL, filled, { rows: 3, cols: 2 })).toEqual(at('A1048576'));
    expect(probe.count).toBeLessThan(10);
  });

  test('ctrl+up from far below the data comes back to its last row', () => {
    const { filled, probe } = sparse({ A1: '1', A2: '2', A5: '5' });
    expect(jump(at('A1000000'), -1, 0, EXCEL, filled, { rows: 5, cols: 1 })).toEqual(at('A5'));
    expect(jump(at('A5'), -1, 0, EXCEL, filled, { rows: 5, cols: 1 })).toEqual(at('A2'));
    expect(probe.count).toBeLessThan(20);
  });

  test('ctrl+right past the used columns goes to column XFD; ctrl+left comes back', () => {
    const { filled } = sparse({ A1: '1', C1: '3' });
    expect(jump(at('C1'), 0, 1, EXCEL, filled, { rows: 1, cols: 3 })).toEqual(at('XFD1'));
    expect(jump(at('XFD1'), 0, -1, EXCEL, filled, { rows: 1, cols: 3 })).toEqual(at('C1'));
  });

  test('ctrl+End goes to the used extent\'s corner without looking at a cell', () => {
    const { filled, probe } = sparse({ D9: 'x' });
    expect(lastUsed(EXCEL, filled, { rows: 9, cols: 4 })).toEqual(at('D9'));
    expect(lastUsed(EXCEL, filled, { rows: 0, cols: 0 })).toEqual(at('A1'));
    expect(navigate(single(at('B2')), { type: 'end', extend: false, sheet: true }, EXCEL, { filled, pageRows: 10, used: { rows: 9, cols: 4 } })).toEqual(single(at('D9')));
    expect(probe.count).toBe(0);
  });

  test('select all covers A1:XFD1048576', () => {
    const s = navigate(single(at('C3')), { type: 'selectAll' }, EXCEL, { filled: () => false, pageRows: 10 });
    expect(s.focus).toEqual(at('XFD1048576'));
  });

  test('Home, End, Page Up/Down, ctrl+Home on the big grid', () => {
    const ctx = { filled: () => false, pageRows: 20, used: { rows: 0, cols: 0 } };
    expect(navigate(single(at('C4')), { type: 'home', extend: false, sheet: false }, EXCEL, ctx)).toEqual(single(at('A4')));
    expect(navigate(single(at('C4')), { type: 'end', extend: false, sheet: false }, EXCEL, ctx)).toEqual(single(at('XFD4')));
    expect(navigate(single(at('C40')), { type: 'home', extend: false, sheet: true }, EXCEL, ctx)).toEqual(single(at('A1')));
    expect(navigate(single(at('C1048570')), { type: 'page', dir: 1, extend: false }, EXCEL, ctx)).toEqual(single(at('C1048576')));
    expect(navigate(single(at('C30')), { type: 'page', dir: -1, extend: false }, EXCEL, ctx)).toEqual(single(at('C10')));
  });

  test('the keys a person uses map to commands: F2 edits, Delete clears, Escape is the editor\'s', () => {
    expect(keyCommand(key({ key: 'F2' }))).toEqual({ type: 'edit' });
    expect(keyCommand(key({ key: 'Delete' }))).toEqual({ type: 'clear' });
    expect(keyCommand(key({ key: 'Escape' }))).toBeUndefined();
    expect(keyCommand(key({ key: 'Home', ctrlKey: true }))).toEqual({ type: 'home', extend: false, sheet: true });
    expect(keyCommand(key({ key: 'PageUp' }))).toEqual({ type: 'page', dir: -1, extend: false });
    expect(keyCommand(key({ key: 'ArrowDown', ctrlKey: true }))).toEqual({ type: 'move', dRow: 1, dCol: 0, extend: false, jump: true });
  });
});

describe('whole-column, whole-row and select-all ranges are cut to the used extent', () => {
  const used = { rows: 100, cols: 3 };
  test('a whole column keeps its rows in use', () => {
    expect(clampToUsed({ top: 0, left: 1, bottom: EXCEL.rows - 1, right: 1 }, EXCEL, used)).toEqual({ top: 0, left: 1, bottom: 99, right: 1 });
  });
  test('a whole row keeps its columns in use; select all keeps the used rectangle', () => {
    expect(clampToUsed({ top: 4, left: 0, bottom: 4, right: EXCEL.cols - 1 }, EXCEL, used)).toEqual({ top: 4, left: 0, bottom: 4, right: 2 });
    expect(clampToUsed({ top: 0, left: 0, bottom: EXCEL.rows - 1, right: EXCEL.cols - 1 }, EXCEL, used)).toEqual({ top: 0, left: 0, bottom: 99, right: 2 });
  });
  test('a range inside the sheet is kept, empty rows included; a column past the data is nothing', () => {
    expect(clampToUsed({ top: 0, left: 0, bottom: 500, right: 5 }, EXCEL, used)).toEqual({ top: 0, left: 0, bottom: 500, right: 5 });
    expect(clampToUsed({ top: 0, left: 0, bottom: EXCEL.rows - 1, right: 0 }, EXCEL, { rows: 0, cols: 0 })).toBeUndefined();
  });
});

describe('Tab then Enter', () => {
  test('returns to the column where the run of Tabs began (A1, Tab, B1, Tab, Enter → A2)', () => {
    let m = tabEnter(at('A1'), 'Tab', false, undefined, EXCEL);
    expect(m).toEqual({ pos: at('B1'), tabStart: 0 });
    m = tabEnter(m.pos, 'Tab', false, m.tabStart, EXCEL);
    expect(m).toEqual({ pos: at('C1'), tabStart: 0 });
    expect(tabEnter(m.pos, 'Enter', false, m.tabStart, EXCEL)).toEqual({ pos: at('A2'), tabStart: undefined });
  });
  test('Enter without a Tab run goes straight down; shift+Tab goes left and stops at column A', () => {
    expect(tabEnter(at('C5'), 'Enter', false, undefined, EXCEL)).toEqual({ pos: at('C6'), tabStart: undefined });
    expect(tabEnter(at('A5'), 'Tab', true, undefined, EXCEL)).toEqual({ pos: at('A5'), tabStart: 0 });
    expect(tabEnter(at('C5'), 'Enter', true, 1, EXCEL)).toEqual({ pos: at('B4'), tabStart: undefined });
  });
});

describe('the used extent', () => {
  test('reaches the last row and column holding something; cleared cells and a stored extent count as they should', () => {
    expect(usedExtent({ A1: '1', C7: 'x', Z2: '' })).toEqual({ rows: 7, cols: 3 });
    expect(usedExtent({})).toEqual({ rows: 0, cols: 0 });
    expect(usedExtent({ B2: '1' }, { rows: 200_000, cols: 10 })).toEqual({ rows: 200_000, cols: 10 });
  });
});
