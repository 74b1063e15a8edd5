import { describe, expect, it } from 'vitest';
import { rewriteReferences } from './refs';
import { insertMap } from './rows-cols';

const down = insertMap('rows', 0, 1);

describe('rewriteReferences', () => {
  it('keeps a range written backwards in its order', () => {
    expect(rewriteReferences('=SUM(B5:B1)', { sheet: 'S', inSheet: true }, down)).toBe('=SUM(B6:B2)');
  });

  it('reads a bare address in a formula cell as a name, not a cell of the sheet', () => {
    expect(rewriteReferences('=q1+S!A1', { sheet: 'S', inSheet: false }, down)).toBe('=q1+S!A2');
  });

  it("leaves references to other sheets and a formula that does not lex", () => {
    expect(rewriteReferences('=T!A1+A1', { sheet: 'S', inSheet: true }, down)).toBe('=T!A1+A2');
    expect(rewriteReferences('=SUM(A1', { sheet: 'S', inSheet: true }, down)).toBe('=SUM(A2');
    expect(rewriteReferences('="A1', { sheet: 'S', inSheet: true }, down)).toBe('="A1');
  });

  it('keeps texts that are not formulas', () => {
    expect(rewriteReferences('A1', { sheet: 'S', inSheet: true }, down)).toBe('A1');
  });
});
