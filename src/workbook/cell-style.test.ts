import { describe, expect, it } from 'vitest';
import { patchStyle, readCellStyle, restyle, styleKey } from './cell-style';
import { DOCUMENT_VERSION } from './document';
import { readDocument } from './migrate';

const sheet = (extra: Record<string, unknown>) => ({ version: DOCUMENT_VERSION, title: 't', blocks: [{ id: 's1', kind: 'sheet', name: 'plan', cells: { A1: '1' }, ...extra }] });

describe('readCellStyle keeps only well-formed fields', () => {
  it('reads bold, italic, fill (upper-cased) and alignment', () => {
    expect(readCellStyle({ bold: true, italic: true, fill: 'ffcc00', align: 'center' })).toEqual({ bold: true, italic: true, fill: 'FFCC00', align: 'center' });
  });

  it('drops a bad colour, a bad alignment and a bold that is not true; nothing left is undefined', () => {
    expect(readCellStyle({ bold: 'yes', fill: 'red', align: 'justify' })).toBeUndefined();
    expect(readCellStyle({ fill: '#FF0000', italic: true })).toEqual({ italic: true });
    expect(readCellStyle(null)).toBeUndefined();
    expect(readCellStyle(['bold'])).toBeUndefined();
  });
});

describe('patchStyle and styleKey', () => {
  it('lays a patch over a style; undefined or false clears a field', () => {
    expect(patchStyle({ bold: true, fill: 'FF0000' }, { bold: undefined, align: 'right' })).toEqual({ fill: 'FF0000', align: 'right' });
    expect(patchStyle({ bold: true }, { bold: false })).toBeUndefined();
  });

  it('gives equal styles the same key and a plain style the empty key', () => {
    expect(styleKey({ bold: true, fill: 'FF0000' })).toBe(styleKey({ fill: 'FF0000', bold: true }));
    expect(styleKey({})).toBe('');
  });
});

describe('a sheet block keeps its cell styles through readDocument', () => {
  it('reads styles by address', () => {
    expect(readDocument(sheet({ styles: { A1: { bold: true }, B2: { fill: '00FF00', align: 'right' } } })).blocks[0]).toMatchObject({
      styles: { A1: { bold: true }, B2: { fill: '00FF00', align: 'right' } },
    });
  });

  it('drops malformed entries of a crafted document instead of refusing it', () => {
    const doc = readDocument(sheet({ styles: { a1: { bold: true }, B1: 'bold', C1: { fill: 'javascript:alert(1)' }, D1: { italic: true }, __proto__: { bold: true } } }));
    expect(doc.blocks[0]).toMatchObject({ styles: { D1: { italic: true } } });
    expect(Object.keys((doc.blocks[0] as { styles?: object }).styles!)).toEqual(['D1']);
  });

  it('drops styles that are not an object at all', () => {
    expect(readDocument(sheet({ styles: ['bold'] })).blocks[0]).not.toHaveProperty('styles');
    expect(readDocument(sheet({ styles: 7 })).blocks[0]).not.toHaveProperty('styles');
  });
});

describe('restyle: a patch over a range', () => {
  it('keeps each cell’s other fields and clears cells left plain', () => {
    expect(restyle({ A1: { bold: true, fill: 'FF0000' }, A2: { bold: true } }, ['A1', 'A2', 'A3'], { bold: undefined })).toEqual({ A1: { fill: 'FF0000' }, A2: null, A3: null });
    expect(restyle(undefined, ['B1'], { align: 'center' })).toEqual({ B1: { align: 'center' } });
  });
});
