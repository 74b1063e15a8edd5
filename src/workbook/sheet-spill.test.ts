import { describe, expect, test } from 'vitest';
import { displayValue, isFormulaError, type Scalar } from './formula';
import { evaluateSheet, sheetReader, type SheetWorld } from './sheet';
import { sheetTable } from './sheet-table';

const noSql = () => Promise.reject(new Error('no SQL in these sheets'));

/** A workbook of sheets given as cells; each is computed against the others' values. */
async function compute(sheets: Record<string, Record<string, string>>, name = Object.keys(sheets)[0]!): Promise<Map<string, Scalar>> {
  const values = new Map<string, Map<string, Scalar>>();
  const world: SheetWorld = {
    cell: () => undefined,
    relation: () => undefined,
    names: () => Object.keys(sheets),
    sheet: (n) => {
      const cells = Object.entries(sheets).find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];
      return cells && sheetReader({ cells }, values.get(n.toLowerCase()) ?? new Map());
    },
  };
  for (const other of Object.keys(sheets)) if (other !== name) values.set(other.toLowerCase(), await evaluateSheet(other, sheets[other]!, world, noSql));
  return evaluateSheet(name, sheets[name]!, world, noSql);
}

const show = (values: Map<string, Scalar>, ...keys: string[]) => keys.map((k) => displayValue(values.get(k) ?? null));

describe('dynamic arrays: a formula whose value is an array spills', () => {
  test('={1;2;3}*2 fills the cells below it', async () => {
    const v = await compute({ s: { A1: '={1;2;3}*2' } });
    expect(show(v, 'A1', 'A2', 'A3')).toEqual(['2', '4', '6']);
  });

  test('a 2×2 array fills right and down', async () => {
    const v = await compute({ s: { B2: '={1,2;3,4}' } });
    expect(show(v, 'B2', 'C2', 'B3', 'C3')).toEqual(['1', '2', '3', '4']);
  });

  test('a formula above the array reads its spilled cells (the sheet is evaluated again)', async () => {
    const v = await compute({ s: { A1: '=B3+1', B2: '={10;20;30}' } });
    expect(v.get('A1')).toBe(21);
  });

  test('a cell in the way is #SPILL!, and the message names it', async () => {
    const v = await compute({ s: { A1: '=ROW(A1:A3)', A3: 'x' } });
    const e = v.get('A1');
    expect(isFormulaError(e) && e.code).toBe('#SPILL!');
    expect(isFormulaError(e) && e.message).toMatch(/A3 is not empty/);
    expect(v.has('A2')).toBe(false);
  });

  test('two arrays spilling over each other: the second is #SPILL!', async () => {
    const v = await compute({ s: { A1: '={1;2;3}', B1: '=1', A5: '={7,8}' } });
    expect(show(v, 'A1', 'A3', 'A5', 'B5')).toEqual(['1', '3', '7', '8']);
  });

  test('A1# is the whole spill: SUM(A1#) and ROWS(A1#)', async () => {
    const v = await compute({ s: { A1: '={1;2;3}*2', C1: '=SUM(A1#)', D1: '=ROWS(A1#)' } });
    expect(v.get('C1')).toBe(12);
    expect(v.get('D1')).toBe(3);
  });

  test('A1# on a cell that spills nothing is #REF! saying so', async () => {
    const v = await compute({ s: { A1: '5', C1: '=SUM(A1#)' } });
    const e = v.get('C1');
    expect(isFormulaError(e) && e.code).toBe('#REF!');
    expect(isFormulaError(e) && e.message).toMatch(/no array spills from A1/);
  });

  test('another sheet\'s spill: data!A1#', async () => {
    const v = await compute({ main: { A1: '=SUM(data!A1#)' }, data: { A1: '={1;2;3;4}' } }, 'main');
    expect(v.get('A1')).toBe(10);
  });

  test('a spill of 100,000 cells is placed in one pass', async () => {
    const v = await compute({ s: { A1: '=ROW(A1:A100000)', B1: '=SUM(A1#)' } });
    expect(v.get('A100000')).toBe(100000);
    expect(v.get('B1')).toBe((100000 * 100001) / 2);
  });
});

describe('implicit intersection: @ and SINGLE', () => {
  test('@ takes the cell in the formula\'s own row', async () => {
    const v = await compute({ s: { A1: '1', A2: '2', A3: '3', B2: '=@A1:A3', C3: '=SINGLE(A1:A3)' } });
    expect(v.get('B2')).toBe(2);
    expect(v.get('C3')).toBe(3);
  });

  test('@ in a row takes the cell in the formula\'s own column', async () => {
    const v = await compute({ s: { A1: '1', B1: '2', C1: '3', B5: '=@A1:C1' } });
    expect(v.get('B5')).toBe(2);
  });

  test('@ outside the range\'s rows is #VALUE! in words', async () => {
    const v = await compute({ s: { A1: '1', A2: '2', B9: '=@A1:A2' } });
    const e = v.get('B9');
    expect(isFormulaError(e) && e.code).toBe('#VALUE!');
    expect(isFormulaError(e) && e.message).toMatch(/none is the formula's own row/);
  });

  test('@ on an array is its first value', async () => {
    const v = await compute({ s: { A1: '=@{4,5,6}' } });
    expect(v.get('A1')).toBe(4);
  });
});

describe('lifting: a function given an array where it expects one value', () => {
  test('SQRT(A1:A3) is an array, and spills', async () => {
    const v = await compute({ s: { A1: '4', A2: '9', A3: '16', B1: '=SQRT(A1:A3)' } });
    expect(show(v, 'B1', 'B2', 'B3')).toEqual(['2', '3', '4']);
  });

  test('IF({TRUE,FALSE},1,2) is {1,2}', async () => {
    const v = await compute({ s: { A1: '=IF({TRUE,FALSE},1,2)' } });
    expect(show(v, 'A1', 'B1')).toEqual(['1', '2']);
  });

  test('DATE(A2:A4,1,1) gives a date per year', async () => {
    const v = await compute({ s: { A2: '2020', A3: '2021', A4: '2022', B2: '=YEAR(DATE(A2:A4,1,1))' } });
    expect(show(v, 'B2', 'B3', 'B4')).toEqual(['2020', '2021', '2022']);
  });

  test('arrays of different sizes: past the smaller one is #N/A', async () => {
    const v = await compute({ s: { A1: '=POWER({1,2,3},{2,3})' } });
    expect(show(v, 'A1', 'B1', 'C1')).toEqual(['1', '8', '#N/A']);
  });

  test('an error inside the array stays in its place', async () => {
    const v = await compute({ s: { A1: '=ABS({-1;#DIV/0!;-3})' } });
    expect(show(v, 'A1', 'A2', 'A3')).toEqual(['1', '#DIV/0!', '3']);
  });
});

describe('spilled cells outside the sheet\'s typed cells', () => {
  test('the sheet as a table reaches the rows an array spills into', async () => {
    const cells = { A1: 'n', A2: '={1;2;3}' };
    const v = await compute({ s: cells });
    const table = sheetTable({ cells }, v);
    expect(table?.rows).toBe(3);
    expect(table?.columns[0]!.data).toEqual([1, 2, 3]);
  });

  test('another sheet reads a spill through a whole column', async () => {
    const v = await compute({ main: { A1: '=SUM(data!A:A)' }, data: { A1: '={1;2;3;4}' } }, 'main');
    expect(v.get('A1')).toBe(10);
  });
});

describe('the forms Excel writes in files', () => {
  test('_xlfn.ANCHORARRAY(A1) is A1#, _xlfn.SINGLE(x) is @x', async () => {
    const v = await compute({ s: { A1: '={1;2;3}', B1: '=SUM(_xlfn.ANCHORARRAY(A1))', B2: '=_xlfn.SINGLE(A1:A3)' } });
    expect(v.get('B1')).toBe(6);
    expect(v.get('B2')).toBe(2);
  });
});

describe('whole columns over spilled cells', () => {
  test('SUM(A:A) reaches the cells an array in A1 spills into, before or after it in the sheet', async () => {
    const v = await compute({ s: { A1: '={1;2;3;4}', B1: '=SUM(A:A)', C9: '=SUM(D:D)', D20: '={5;6}' } });
    expect(v.get('B1')).toBe(10);
    expect(v.get('C9')).toBe(11);
  });
});
