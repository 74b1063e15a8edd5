import { describe, expect, it } from 'vitest';
import { createSheetData, dataRaw, NUMBER, type SheetData, type SheetDataOp, type SheetDataRef } from '../../../workbook';
import { sheetDataAfter } from './sheet-data';

/** A column A of 1..n as a file would give it. */
function file(n: number): SheetData {
  const d = createSheetData(n, 1);
  for (let i = 0; i < n; i++) {
    d.kind[i] = NUMBER;
    d.num[i] = i + 1;
  }
  return d;
}
const column = (d: SheetData) => Array.from({ length: d.rows }, (_, r) => dataRaw(d, r, 0));
const ref = (ops: SheetDataOp[]): SheetDataRef => ({ file: 'big.xlsx', sheet: 'Data', rows: 0, cols: 0, ops });
const insert: SheetDataOp = { kind: 'insert', axis: 'rows', at: 0, count: 1 };
const sortDesc: SheetDataOp = { kind: 'sort', range: { top: 0, left: 0, bottom: 3, right: 0 }, keys: [{ col: 0, desc: true }], header: false };

describe("a node's stored cells kept up with the document's operations", () => {
  const base = file(3);

  it('is the same store while the operations are the same, the file read when there are none', () => {
    expect(sheetDataAfter(base, ref([]), 'Data')).toBe(base);
    const one = sheetDataAfter(base, ref([insert]), 'Data');
    expect(sheetDataAfter(one, ref([{ ...insert }]), 'Data')).toBe(one);
  });

  it('applies a new operation to the store it has, as a new store', () => {
    const one = sheetDataAfter(base, ref([insert]), 'Data');
    const two = sheetDataAfter(one, ref([insert, sortDesc]), 'Data');
    expect(two).not.toBe(one);
    expect(column(one)).toEqual([undefined, '1', '2', '3']);
    expect(column(two)).toEqual(['3', '2', '1', undefined]);
  });

  it('steps back one operation without replaying, and further back by replaying from the file', () => {
    const one = sheetDataAfter(base, ref([insert]), 'Data');
    const two = sheetDataAfter(one, ref([insert, sortDesc]), 'Data');
    expect(sheetDataAfter(two, ref([insert]), 'Data')).toBe(one);
    expect(column(sheetDataAfter(two, ref([]), 'Data'))).toEqual(['1', '2', '3']);
    expect(column(sheetDataAfter(two, ref([sortDesc]), 'Data'))).toEqual(['3', '2', '1', undefined]);
  });
});
