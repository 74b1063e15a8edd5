import { describe, expect, it } from 'vitest';
import type { BlockId, WorkbookDocument } from '../document';
import { FormulaError } from '../formula';
import { addressKey, parseAddress, typedValue } from '../sheet';
import { createSheetData, dataRaw, NUMBER, TEXT, type SheetData } from '../sheet-data';
import { replaySheetData, storedValue } from './data-replay';
import { moveRange } from './move';
import { deleteColumns, deleteRows, insertColumns, insertRows } from './rows-cols';
import { sortRange } from './sort';
import { docOf, sheet, sheetIn } from './test-doc';

const S = 'S' as BlockId;

/** A store holding `cells` (numbers as numbers), `rows` × `cols`, with formats. */
function dataOf(cells: Record<string, string>, rows: number, cols: number, formats: Record<string, string> = {}): SheetData {
  const d = createSheetData(rows, cols);
  for (const [k, v] of Object.entries(cells)) {
    const p = parseAddress(k)!;
    const i = p.col * rows + p.row;
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(v)) {
      d.kind[i] = NUMBER;
      d.num[i] = Number(v);
    } else {
      d.kind[i] = TEXT;
      d.text.set(i, v);
    }
  }
  for (const [k, code] of Object.entries(formats)) {
    const p = parseAddress(k)!;
    if (!d.formatCodes.includes(code)) d.formatCodes.push(code);
    d.format[p.col * rows + p.row] = d.formatCodes.indexOf(code) + 1;
  }
  return d;
}

/** The cells a person sees: the edits over the stored cells after the sheet's logged operations. */
function seen(doc: WorkbookDocument, file: SheetData): { cells: Record<string, string>; formats: Record<string, string> } {
  const s = sheetIn(doc, 'S');
  const d = replaySheetData(file, s.data!.ops ?? [], 'S');
  expect([d.rows, d.cols]).toEqual([s.data!.rows, s.data!.cols]);
  const cells: Record<string, string> = {};
  const formats: Record<string, string> = { ...s.formats };
  for (let row = 0; row < d.rows; row++)
    for (let col = 0; col < d.cols; col++) {
      const raw = dataRaw(d, row, col);
      const key = addressKey(row, col);
      if (raw !== undefined) cells[key] = raw;
      const f = d.format[col * d.rows + row]!;
      if (f && !(key in formats)) formats[key] = d.formatCodes[f - 1]!;
    }
  for (const [k, v] of Object.entries(s.cells)) {
    if (v === '') delete cells[k];
    else cells[k] = v;
  }
  return { cells, formats };
}

/**
 * One sheet two ways: every cell in the document, and the same cells split between a stored file
 * (`stored`) and the person's edits over it (`edits`, '' clearing a stored cell). An operation on
 * each must show the same cells: op(stored ⊕ edits) = op(stored) ⊕ op(edits).
 */
function both(stored: Record<string, string>, edits: Record<string, string>, rows: number, cols: number, formats: Record<string, string> = {}) {
  const all = { ...stored, ...edits };
  for (const [k, v] of Object.entries(edits)) if (v === '') delete all[k];
  const file = dataOf(stored, rows, cols, formats);
  const plain = docOf(sheet('S', all, { formats }));
  const big = docOf(sheet('S', edits, { data: { file: 'big.xlsx', sheet: 'Data', rows, cols } }));
  return {
    file,
    check(op: (doc: WorkbookDocument, big: boolean) => WorkbookDocument) {
      const want = sheetIn(op(plain, false), 'S');
      const got = seen(op(big, true), file);
      expect(got.cells).toEqual(want.cells);
      expect(got.formats).toEqual(want.formats ?? {});
    },
  };
}

const stored = { A1: 'name', B1: 'n', A2: 'pear', B2: '3', A3: 'fig', B3: '1', A4: 'kiwi', B4: '2', C2: '=B2*10', C4: '=SUM(B2:B4)', D1: '=C2+B$4' };
const edits = { A3: 'apple', B4: '', D4: '=A2&"!"' };

describe('a big sheet replays its operations over its stored cells as the document applies them', () => {
  const t = both(stored, edits, 4, 4, { B2: '0.00' });

  it('insert and delete rows', () => {
    t.check((doc) => insertRows(doc, S, 1, 2));
    t.check((doc) => deleteRows(doc, S, 1));
    t.check((doc) => deleteRows(doc, S, 2, 5));
    t.check((doc) => insertRows(doc, S, 9));
  });

  it('insert and delete columns', () => {
    t.check((doc) => insertColumns(doc, S, 0));
    t.check((doc) => deleteColumns(doc, S, 1, 2));
  });

  it('moves cells within the sheet, over stored cells', () => {
    t.check((doc) => moveRange(doc, S, { top: 1, left: 1, bottom: 2, right: 1 }, { row: 2, col: 3 }));
    t.check((doc) => moveRange(doc, S, { top: 0, left: 0, bottom: 3, right: 0 }, { row: 6, col: 5 }));
  });

  it('sorts by a column of stored, edited and formula cells', () => {
    const values = (doc: WorkbookDocument, big: boolean) => (k: string) => {
      const computed: Record<string, number> = { C2: 30, C4: 6, D1: 32 };
      if (k in computed) return computed[k]!;
      const text = sheetIn(doc, 'S').cells[k] ?? (big ? (stored as Record<string, string>)[k] : undefined);
      return text === undefined || text === '' ? null : typedValue(text);
    };
    for (const col of [0, 1, 2])
      for (const desc of [false, true])
        for (const header of [true, 'guess'] as const)
          t.check((doc, big) => sortRange(doc, S, { top: 0, left: 0, bottom: 3, right: 3 }, [{ col, desc }], values(doc, big), { header, ...(big ? { stored: storedValue(t.file) } : {}) }));
  });

  it('runs several operations in order', () => {
    t.check((doc) => deleteRows(moveRange(insertColumns(insertRows(doc, S, 0), S, 1), S, { top: 1, left: 0, bottom: 2, right: 2 }, { row: 5, col: 1 }), S, 2));
  });
});

describe('a big sheet sort', () => {
  it('records only the key values the file cannot give back: formulas and edited cells, errors by code', () => {
    const file = dataOf({ A1: '3', A2: '=NA()', A3: '1' }, 4, 1);
    const doc = docOf(sheet('S', { A4: '2' }, { data: { file: 'big.xlsx', sheet: 'Data', rows: 4, cols: 1 } }));
    const out = sortRange(doc, S, { top: 0, left: 0, bottom: 3, right: 0 }, [{ col: 0 }], (k) => (k === 'A2' ? new FormulaError('#N/A') : k === 'A4' ? 2 : undefined), { stored: storedValue(file) });
    const data = sheetIn(out, 'S').data!;
    expect(data.ops).toEqual([{ kind: 'sort', range: { top: 0, left: 0, bottom: 3, right: 0 }, keys: [{ col: 0 }], header: false, values: { A2: { error: '#N/A' }, A4: 2 } }]);
    expect(seen(out, file).cells).toEqual({ A1: '1', A2: '2', A3: '3', A4: '=NA()' });
  });

  it('refuses when too many key cells are formulas, saying what to do', () => {
    const formulas = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`A${i + 1}`, `=${i}`]));
    const file = dataOf(formulas, 20_001, 1);
    const doc = docOf(sheet('S', {}, { data: { file: 'big.xlsx', sheet: 'Data', rows: 20_001, cols: 1 } }));
    expect(() => sortRange(doc, S, { top: 0, left: 0, bottom: 20_000, right: 0 }, [{ col: 0 }], () => 1, { stored: storedValue(file) })).toThrow(/more than 20,000 of their cells are formulas/);
  });

  it('refuses before the stored cells are read', () => {
    const doc = docOf(sheet('S', {}, { data: { file: 'big.xlsx', sheet: 'Data', rows: 3, cols: 1 } }));
    expect(() => sortRange(doc, S, { top: 0, left: 0, bottom: 2, right: 0 }, [{ col: 0 }], () => 1)).toThrow(/still being read from big.xlsx/);
  });
});

describe('replaySheetData', () => {
  it('leaves the store it was given unchanged', () => {
    const file = dataOf({ A1: '1', A2: '2' }, 2, 1);
    const after = replaySheetData(file, [{ kind: 'insert', axis: 'rows', at: 0, count: 1 }], 'S');
    expect([dataRaw(after, 1, 0), dataRaw(file, 0, 0), after.rows, file.rows]).toEqual(['1', '1', 3, 2]);
  });

  it('refuses an insert that would push stored cells off the last row', () => {
    const doc = docOf(sheet('S', {}, { data: { file: 'big.xlsx', sheet: 'Data', rows: 1_048_576, cols: 1 } }));
    expect(() => insertRows(doc, S, 5)).toThrow(/push them off the end of the sheet/);
  });
});

