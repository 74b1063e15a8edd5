import { describe, expect, test } from 'vitest';
import { parseTsv, toTsv } from '../workbook/tsv';
import {
  cellKey,
  clearRange,
  copyRange,
  extendTo,
  fillRange,
  jump,
  keyCommand,
  lastUsed,
  navigate,
  parseCellKey,
  pasteOrigin,
  pasteRange,
  rangeLabel,
  rangeOf,
  setCell,
  single,
  type CellPos,
  type KeyLike,
  type NavigateCommand,
  type RawOf,
} from './sheet-selection';

const SIZE = { rows: 1000, cols: 26 };
const at = (key: string): CellPos => parseCellKey(key)!;
const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({ shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...k });
const sheet = (cells: Record<string, string>): RawOf => (k) => cells[k];
const ctx = (cells: Record<string, string> = {}) => ({ filled: (p: CellPos) => (cells[cellKey(p)] ?? '') !== '', pageRows: 10 });
const move = (dRow: number, dCol: number, extend = false, jumpTo = false): NavigateCommand => ({ type: 'move', dRow, dCol, extend, jump: jumpTo });

describe('cell keys', () => {
  test('A1 keys and 0-based positions convert both ways', () => {
    expect(cellKey({ row: 1, col: 1 })).toBe('B2');
    expect(cellKey({ row: 999, col: 25 })).toBe('Z1000');
    expect(cellKey({ row: 0, col: 26 })).toBe('AA1');
    expect(parseCellKey('B2')).toEqual({ row: 1, col: 1 });
    expect(parseCellKey('AA10')).toEqual({ row: 9, col: 26 });
    expect(parseCellKey('A0')).toBeUndefined();
    expect(parseCellKey('b2')).toBeUndefined();
  });

  test('a range is labelled A1:C3, one cell as itself', () => {
    expect(rangeLabel(rangeOf({ active: at('C3'), anchor: at('C3'), focus: at('A1') }))).toBe('A1:C3');
    expect(rangeLabel(rangeOf(single(at('B2'))))).toBe('B2');
  });
});

describe('keys map to grid commands', () => {
  test('arrows move; shift extends; ctrl or cmd jumps', () => {
    expect(keyCommand(key({ key: 'ArrowDown' }))).toEqual(move(1, 0));
    expect(keyCommand(key({ key: 'ArrowLeft', shiftKey: true }))).toEqual(move(0, -1, true));
    expect(keyCommand(key({ key: 'ArrowRight', metaKey: true, shiftKey: true }))).toEqual(move(0, 1, true, true));
  });

  test('Enter and Tab move down and right, with shift up and left', () => {
    expect(keyCommand(key({ key: 'Enter' }))).toEqual(move(1, 0));
    expect(keyCommand(key({ key: 'Enter', shiftKey: true }))).toEqual(move(-1, 0));
    expect(keyCommand(key({ key: 'Tab' }))).toEqual(move(0, 1));
    expect(keyCommand(key({ key: 'Tab', shiftKey: true }))).toEqual(move(0, -1));
  });

  test('a character starts editing with it; F2 edits; Delete and Backspace clear', () => {
    expect(keyCommand(key({ key: '=' }))).toEqual({ type: 'type', text: '=' });
    expect(keyCommand(key({ key: 'A', shiftKey: true }))).toEqual({ type: 'type', text: 'A' });
    expect(keyCommand(key({ key: 'é' }))).toEqual({ type: 'type', text: 'é' });
    expect(keyCommand(key({ key: '@', ctrlKey: true, altKey: true }))).toEqual({ type: 'type', text: '@' });
    expect(keyCommand(key({ key: 'F2' }))).toEqual({ type: 'edit' });
    expect(keyCommand(key({ key: 'Delete' }))).toEqual({ type: 'clear' });
    expect(keyCommand(key({ key: 'Backspace' }))).toEqual({ type: 'clear' });
  });

  test('Ctrl/Cmd+D and +R fill; Ctrl+A selects all; Home/End and page keys navigate', () => {
    expect(keyCommand(key({ key: 'd', ctrlKey: true }))).toEqual({ type: 'fill', direction: 'down' });
    expect(keyCommand(key({ key: 'r', metaKey: true }))).toEqual({ type: 'fill', direction: 'right' });
    expect(keyCommand(key({ key: 'a', ctrlKey: true }))).toEqual({ type: 'selectAll' });
    expect(keyCommand(key({ key: 'Home' }))).toEqual({ type: 'home', extend: false, sheet: false });
    expect(keyCommand(key({ key: 'End', ctrlKey: true }))).toEqual({ type: 'end', extend: false, sheet: true });
    expect(keyCommand(key({ key: 'PageDown', shiftKey: true }))).toEqual({ type: 'page', dir: 1, extend: true });
  });

  test('undo, copy, cut, paste and unknown keys are left to the app and the browser', () => {
    for (const k of ['z', 'y', 'c', 'x', 'v']) expect(keyCommand(key({ key: k, ctrlKey: true }))).toBeUndefined();
    expect(keyCommand(key({ key: 'z', metaKey: true, shiftKey: true }))).toBeUndefined();
    expect(keyCommand(key({ key: 'Escape' }))).toBeUndefined();
    expect(keyCommand(key({ key: 'Shift', shiftKey: true }))).toBeUndefined();
    expect(keyCommand(key({ key: 'F5' }))).toBeUndefined();
  });
});

describe('navigation', () => {
  test('a move goes from the active cell and leaves one cell selected, kept inside the grid', () => {
    const s = { active: at('B2'), anchor: at('B2'), focus: at('D5') };
    expect(navigate(s, move(1, 0), SIZE, ctx())).toEqual(single(at('B3')));
    expect(navigate(single(at('A1')), move(-1, 0), SIZE, ctx())).toEqual(single(at('A1')));
    expect(navigate(single(at('Z1000')), move(1, 1), SIZE, ctx())).toEqual(single(at('Z1000')));
  });

  test('shift moves the far corner and keeps the active cell', () => {
    const s = navigate(navigate(single(at('B2')), move(1, 0, true), SIZE, ctx()), move(0, 1, true), SIZE, ctx());
    expect(s).toEqual({ active: at('B2'), anchor: at('B2'), focus: at('C3') });
    expect(rangeLabel(rangeOf(navigate(s, move(-2, 0, true), SIZE, ctx())))).toBe('B1:C2');
  });

  test('dragging or shift+click selects from the active cell', () => {
    expect(rangeLabel(rangeOf(extendTo(single(at('C3')), at('A1'))))).toBe('A1:C3');
  });

  test('Home goes to column A, End to the last column; with ctrl to A1 and to the last cell with data', () => {
    const cells = { B2: '1', D7: 'x', C9: '=1' };
    expect(navigate(single(at('C4')), { type: 'home', extend: false, sheet: false }, SIZE, ctx(cells))).toEqual(single(at('A4')));
    expect(navigate(single(at('C4')), { type: 'end', extend: false, sheet: false }, SIZE, ctx(cells))).toEqual(single(at('Z4')));
    expect(navigate(single(at('C4')), { type: 'home', extend: true, sheet: true }, SIZE, ctx(cells)).focus).toEqual(at('A1'));
    expect(navigate(single(at('A1')), { type: 'end', extend: false, sheet: true }, SIZE, ctx(cells))).toEqual(single(at('D9')));
    expect(lastUsed(SIZE, ctx().filled)).toEqual(at('A1'));
  });

  test('page keys move by a page of rows, kept inside the grid', () => {
    expect(navigate(single(at('B5')), { type: 'page', dir: 1, extend: false }, SIZE, ctx())).toEqual(single(at('B15')));
    expect(navigate(single(at('B5')), { type: 'page', dir: -1, extend: false }, SIZE, ctx())).toEqual(single(at('B1')));
  });

  test('select all covers the sheet and keeps the active cell', () => {
    const s = navigate(single(at('C3')), { type: 'selectAll' }, SIZE, ctx());
    expect(s.active).toEqual(at('C3'));
    expect(rangeLabel(rangeOf(s))).toBe('A1:Z1000');
  });

  test('ctrl+arrow jumps to the end of a block of data, else to the next cell with data, else to the edge', () => {
    const { filled } = ctx({ A1: '1', A2: '2', A3: '3', A7: '7', A8: '8' });
    expect(jump(at('A1'), 1, 0, SIZE, filled)).toEqual(at('A3'));
    expect(jump(at('A3'), 1, 0, SIZE, filled)).toEqual(at('A7'));
    expect(jump(at('A7'), 1, 0, SIZE, filled)).toEqual(at('A8'));
    expect(jump(at('A8'), 1, 0, SIZE, filled)).toEqual(at('A1000'));
    expect(jump(at('A5'), -1, 0, SIZE, filled)).toEqual(at('A3'));
    expect(jump(at('A1'), -1, 0, SIZE, filled)).toEqual(at('A1'));
    expect(jump(at('C1'), 0, 1, SIZE, filled)).toEqual(at('Z1'));
  });
});

describe('editing the selection', () => {
  test('setting a cell is an edit only when the text changes; empty text clears', () => {
    const raw = sheet({ B2: '42' });
    expect(setCell('B2', '42', raw)).toBeUndefined();
    expect(setCell('B2', '43', raw)).toEqual({ B2: '43' });
    expect(setCell('B2', '', raw)).toEqual({ B2: null });
    expect(setCell('C2', '', raw)).toBeUndefined();
  });

  test('clearing a range touches only the cells that hold something', () => {
    expect(clearRange(rangeOf({ active: at('A1'), anchor: at('A1'), focus: at('Z1000') }), sheet({ B2: '1', C9: '=B2' }))).toEqual({ B2: null, C9: null });
  });

  test('copy takes the raw texts, formulas as typed, empties as empty fields', () => {
    const raw = sheet({ A1: 'x', B1: '=A1*2', B2: "'007" });
    expect(copyRange({ top: 0, left: 0, bottom: 1, right: 1 }, raw)).toEqual([
      ['x', '=A1*2'],
      ['', "'007"],
    ]);
  });

  test('paste fills from the active cell, clipped to the grid, as typed', () => {
    const raw = sheet({ Z999: 'old', B2: 'keep me?' });
    const into = rangeOf(single(at('Y999')));
    const { updates, range } = pasteRange([['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']], into, SIZE, raw);
    expect(updates).toEqual({ Y999: '1', Z999: '2', Y1000: '4', Z1000: '5' });
    expect(rangeLabel(range)).toBe('Y999:Z1000');
  });

  test('pasted empty fields clear cells; ragged rows count as empty fields', () => {
    const raw = sheet({ A1: 'a', B1: 'b', B2: 'c' });
    expect(pasteRange([['', 'x'], ['y']], rangeOf(single(at('A1'))), SIZE, raw).updates).toEqual({ A1: null, B1: 'x', A2: 'y', B2: null });
  });

  test('formulas from outside the sheet are pasted as typed', () => {
    expect(pasteRange([['=A1*2']], rangeOf(single(at('C5'))), SIZE, sheet({})).updates).toEqual({ C5: '=A1*2' });
  });

  test("the sheet's own copy pastes with formulas shifted by how far each cell moved", () => {
    const data = [['=A1*2', '=$A$1+B1'], ['text', '=SUM(A1:A2)']];
    const { updates } = pasteRange(data, rangeOf(single(at('C5'))), SIZE, sheet({}), at('B1'));
    expect(updates).toEqual({ C5: '=B5*2', D5: '=$A$1+C5', C6: 'text', D6: '=SUM(B5:B6)' });
    expect(pasteRange([['=A2']], rangeOf(single(at('A1'))), SIZE, sheet({}), at('B5')).updates).toEqual({ A1: '=#REF!' });
  });

  test('a selection that is a multiple of the copied size is tiled with it', () => {
    const into = rangeOf({ active: at('B1'), anchor: at('B1'), focus: at('C4') });
    const { updates, range } = pasteRange([['=A1', 'x'], ['1', '2']], into, SIZE, sheet({}), at('B1'));
    expect(updates).toEqual({ B1: '=A1', C1: 'x', B2: '1', C2: '2', B3: '=A3', C3: 'x', B4: '1', C4: '2' });
    expect(rangeLabel(range)).toBe('B1:C4');
    // Not a multiple: pasted once.
    expect(rangeLabel(pasteRange([['a', 'b']], rangeOf({ active: at('A1'), anchor: at('A1'), focus: at('C1') }), SIZE, sheet({})).range)).toBe('A1:B1');
  });

  test("clipboard text is the sheet's own copy only when it matches (line endings aside) and was not a cut", () => {
    const last = { text: toTsv([['=A1', 'b'], ['c', 'd']]), origin: at('B2'), cut: false };
    expect(pasteOrigin('=A1\tb\r\nc\td\r\n', last)).toEqual(at('B2'));
    expect(pasteOrigin('=A1\tb\nc\tX', last)).toBeUndefined();
    expect(pasteOrigin(last.text, { ...last, cut: true })).toBeUndefined();
    expect(pasteOrigin(last.text, undefined)).toBeUndefined();
  });

  test('copy then paste inside the sheet round-trips through TSV, multi-line text included', () => {
    const raw = sheet({ A1: 'line 1\nline 2', B1: '=A1&"\t"' });
    const text = toTsv(copyRange({ top: 0, left: 0, bottom: 0, right: 1 }, raw));
    const origin = pasteOrigin(text, { text, origin: at('A1'), cut: false });
    expect(pasteRange(parseTsv(text), rangeOf(single(at('A3'))), SIZE, sheet({}), origin).updates).toEqual({ A3: 'line 1\nline 2', B3: '=A3&"\t"' });
  });

  test('fill down copies the first row through the range, shifting formulas', () => {
    const raw = sheet({ B2: '=A2*2', C2: '$5', C3: 'old', D2: '=$A$1' });
    const r = rangeOf({ active: at('B2'), anchor: at('B2'), focus: at('D4') });
    expect(fillRange(r, 'down', raw)).toEqual({ B3: '=A3*2', B4: '=A4*2', C3: '$5', C4: '$5', D3: '=$A$1', D4: '=$A$1' });
  });

  test('fill down on one row copies the row above; fill right copies the first column', () => {
    const raw = sheet({ A1: '=B1+1', A2: 'x', B1: 'y' });
    expect(fillRange(rangeOf(single(at('A2'))), 'down', raw)).toEqual({ A2: '=B2+1' });
    expect(fillRange(rangeOf(single(at('A1'))), 'down', raw)).toEqual({});
    expect(fillRange(rangeOf({ active: at('A1'), anchor: at('A1'), focus: at('C1') }), 'right', raw)).toEqual({ B1: '=C1+1', C1: '=D1+1' });
    expect(fillRange(rangeOf(single(at('B2'))), 'right', raw)).toEqual({ B2: 'x' });
  });

  test('fill down from an empty row clears the cells below', () => {
    expect(fillRange(rangeOf({ active: at('A1'), anchor: at('A1'), focus: at('A3') }), 'down', sheet({ A3: 'z' }))).toEqual({ A3: null });
  });
});
