import { describe, expect, it } from 'vitest';
import { DOCUMENT_VERSION, type SheetBlock } from './document';
import { DocumentError, readDocument } from './migrate';

const doc = (ops: unknown) =>
  JSON.stringify({ version: DOCUMENT_VERSION, title: 't', blocks: [{ id: 's1', kind: 'sheet', name: 'Data', cells: { A1: 'x' }, data: { file: 'big.xlsx', sheet: 'Data', rows: 10, cols: 2, ops } }] });
const dataOf = (ops: unknown) => (readDocument(doc(ops)).blocks[0] as SheetBlock).data;

describe("a big sheet's logged operations in a document", () => {
  it('reads inserts, deletes, moves and sorts back as they were written', () => {
    const ops = [
      { kind: 'insert', axis: 'rows', at: 0, count: 1 },
      { kind: 'delete', axis: 'cols', at: 1, count: 1 },
      { kind: 'move', from: { top: 0, left: 0, bottom: 2, right: 0 }, to: { row: 4, col: 1 } },
      { kind: 'sort', range: { top: 0, left: 0, bottom: 9, right: 1 }, keys: [{ col: 1, desc: true }], header: true, matchCase: true, values: { B2: 3, B3: { error: '#N/A' }, B4: null, B5: 'x', B6: true } },
    ];
    expect(dataOf(ops)?.ops).toEqual(ops);
    expect(dataOf([])?.ops).toBeUndefined();
  });

  it('refuses an unknown operation, saying which and what to do', () => {
    expect(() => dataOf([{ kind: 'insert', axis: 'rows', at: 0, count: 1 }, { kind: 'shuffle' }])).toThrow(DocumentError);
    expect(() => dataOf([{ kind: 'shuffle' }])).toThrow(/operation 1 on the stored cells .*shuffle.* is not an insert, delete, move or sort/);
  });

  it('refuses a sort by a column outside its range, and key values that are not JSON scalars', () => {
    const range = { top: 0, left: 0, bottom: 3, right: 0 };
    expect(() => dataOf([{ kind: 'sort', range, keys: [{ col: 4 }], header: false }])).toThrow(DocumentError);
    expect(() => dataOf([{ kind: 'sort', range, keys: [{ col: 0 }], header: false, values: { A1: [1] } }])).toThrow(DocumentError);
    expect(() => dataOf([{ kind: 'sort', range, keys: [{ col: 0 }], header: false, values: { 'not an address': 1 } }])).toThrow(DocumentError);
  });

  it('refuses an operation outside the sheet and a list that is not one', () => {
    expect(() => dataOf([{ kind: 'delete', axis: 'rows', at: 1_048_576, count: 1 }])).toThrow(DocumentError);
    expect(() => dataOf([{ kind: 'move', from: { top: 3, left: 0, bottom: 1, right: 0 }, to: { row: 0, col: 0 } }])).toThrow(DocumentError);
    expect(() => dataOf({ kind: 'insert' })).toThrow(/not a list/);
  });
});
