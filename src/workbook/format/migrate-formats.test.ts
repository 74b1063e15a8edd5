import { describe, expect, it } from 'vitest';
import { DOCUMENT_VERSION } from '../document';
import { DocumentError, readDocument } from '../migrate';

const sheet = (extra: Record<string, unknown>) => ({ version: DOCUMENT_VERSION, title: 't', blocks: [{ id: 's1', kind: 'sheet', name: 'plan', cells: { A1: '1234.5' }, ...extra }] });

describe('a sheet block keeps its number formats', () => {
  it('reads formats by address, Excel codes as written', () => {
    const doc = readDocument(sheet({ formats: { A1: '$#,##0.00', B2: '0%' } }));
    expect(doc.blocks[0]).toMatchObject({ kind: 'sheet', formats: { A1: '$#,##0.00', B2: '0%' } });
  });

  it('reads a sheet without formats as before (the field is optional)', () => {
    expect(readDocument(sheet({})).blocks[0]).not.toHaveProperty('formats');
  });

  it('refuses formats that are not a map of address to code, saying so', () => {
    expect(() => readDocument(sheet({ formats: ['0%'] }))).toThrow(DocumentError);
    expect(() => readDocument(sheet({ formats: { a1: '0%' } }))).toThrow(/invalid number format for "a1"/);
    expect(() => readDocument(sheet({ formats: { A1: 5 } }))).toThrow(/Excel format code/);
  });
});
