import { describe, expect, test } from 'vitest';
import { History, type Operation } from './history';

type Doc = { title: string; cells: Record<string, string> };

/** A cell edit as an operation: the cell's text before and after. */
const setCell = (key: string, before: string | undefined, after: string | undefined): Operation<Doc> => {
  const put = (text: string | undefined) => (d: Doc) => {
    const cells = { ...d.cells };
    if (text === undefined) delete cells[key];
    else cells[key] = text;
    return { ...d, cells };
  };
  return { undo: put(before), redo: put(after) };
};

describe('history', () => {
  test('an operation is undone and redone on the document as it is then, keeping what other steps did', () => {
    const h = new History<Doc>();
    let doc: Doc = { title: 'a', cells: { A1: '1' } };
    const op = setCell('A1', '1', '2');
    h.record(doc, undefined, 0, op);
    doc = op.redo(doc);
    h.record(doc, 'title', 10);
    doc = { ...doc, title: 'b' };
    doc = h.undo(doc)!; // the title, restored from its snapshot
    expect(doc).toEqual({ title: 'a', cells: { A1: '2' } });
    doc = h.undo(doc)!; // the cell, by its operation
    expect(doc).toEqual({ title: 'a', cells: { A1: '1' } });
    expect(h.canUndo).toBe(false);
    doc = h.redo(doc)!;
    expect(doc.cells.A1).toBe('2');
    doc = h.redo(doc)!;
    expect(doc).toEqual({ title: 'b', cells: { A1: '2' } });
  });

  test('an operation step holds the edit, not the document it was made on', () => {
    const h = new History<Doc>();
    const big: Doc = { title: 'big', cells: {} };
    h.record(big, undefined, 0, setCell('B2', undefined, 'x'));
    expect(JSON.stringify(h)).not.toContain('"big"');
  });

  test('snapshots with the same coalesce key in a short time are one step; operations never merge', () => {
    const h = new History<Doc>();
    const doc: Doc = { title: 'a', cells: {} };
    h.record(doc, 'k', 0);
    h.record({ ...doc, title: 'ab' }, 'k', 100);
    expect(h.undo({ ...doc, title: 'abc' })).toEqual(doc);
    expect(h.canUndo).toBe(false);
    h.record(doc, 'k', 0, setCell('A1', undefined, '1'));
    h.record(doc, 'k', 100, setCell('A1', '1', '2'));
    expect(h.undo({ title: 'a', cells: { A1: '2' } })).toEqual({ title: 'a', cells: { A1: '1' } });
    expect(h.canUndo).toBe(true);
  });
});
