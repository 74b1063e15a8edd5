import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readXlsx } from './read';
import { richErrorCells, richErrors } from './rich-errors';

// The parts as Excel 365 writes them for a #CALC! and a #SPILL! saved in cells A8 and A14.
const PARTS: Record<string, string> = {
  'xl/metadata.xml':
    '<metadata xmlns:xlrd="x"><metadataTypes count="1"><metadataType name="XLRICHVALUE"/></metadataTypes><futureMetadata name="XLRICHVALUE" count="2"><bk><extLst><ext><xlrd:rvb i="0"/></ext></extLst></bk><bk><extLst><ext><xlrd:rvb i="1"/></ext></extLst></bk></futureMetadata><valueMetadata count="2"><bk><rc t="1" v="0"/></bk><bk><rc t="1" v="1"/></bk></valueMetadata></metadata>',
  'xl/richData/rdrichvalue.xml': '<rvData count="2"><rv s="0"><v>13</v><v>0</v></rv><rv s="0"><v>8</v><v>0</v></rv></rvData>',
  'xl/richData/rdrichvaluestructure.xml': '<rvStructures count="1"><s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s></rvStructures>',
};
const SHEET = '<sheetData><row r="8"><c r="A8" t="e" vm="1"><v>#VALUE!</v></c></row><row r="14"><c r="A14" t="e" vm="2"><v>#VALUE!</v></c><c r="B14" vm="2"><v>3</v></c></row></sheetData>';

describe('errors Excel 365 saves as #VALUE! with a rich value', () => {
  test('are read as what they are: errorType 13 is #CALC!, 8 is #SPILL!', async () => {
    const errors = await richErrors(async (p) => PARTS[p]);
    expect([...errors]).toEqual([[1, '#CALC!'], [2, '#SPILL!']]);
    // Only error cells (t="e") are touched.
    expect([...richErrorCells(SHEET, errors)]).toEqual([['A8', '#CALC!'], ['A14', '#SPILL!']]);
  });

  test('a workbook without rich values has none, and a missing part is no error', async () => {
    expect((await richErrors(async () => undefined)).size).toBe(0);
    expect((await richErrors(async (p) => (p === 'xl/metadata.xml' ? PARTS[p] : undefined))).size).toBe(0);
  });

  // The corpus file Excel saved: ERROR.TYPE of the two cells is 14 and 9 only when they are read as #CALC! and #SPILL!.
  const saved = ['../shared', '/work/shared'].map((d) => `${d}/excel-conformance/INFORMATION/ERROR.TYPE.xlsx`).find((p) => {
    try {
      return readFileSync(p).length > 0;
    } catch {
      return false;
    }
  });
  test.skipIf(!saved)('an Excel-saved workbook: the constants and the cached values are the real errors', async () => {
    const wb = await readXlsx(readFileSync(saved!), { blockName: (n) => n });
    expect(wb.sheets[0]!.cells.A8).toBe('=#CALC!');
    expect(wb.sheets[0]!.cells.A14).toBe('=#SPILL!');
  });
});

describe('text results keep no OOXML escapes', () => {
  const saved = ['../shared', '/work/shared'].map((d) => `${d}/excel-conformance/TEXT/CHAR.xlsx`).find((p) => {
    try {
      return readFileSync(p).length > 0;
    } catch {
      return false;
    }
  });
  test.skipIf(!saved)('a formula whose cached text is _x0001_ was CHAR(1): the cached value is that character', async () => {
    const wb = await readXlsx(readFileSync(saved!), { blockName: (n) => n });
    expect(wb.sheets[0]!.cached?.B1).toEqual({ type: 'text', value: '\u0001' });
  });
});
