import { describe, expect, test } from 'vitest';
import { DOCUMENT_VERSION, type Block, type BlockId, type WorkbookDocument } from '../document';
import { decodeShareLink, encodeShareLink } from './link';
import { LINK_LIMITS } from './limits';

const cells = (n: number): Block[] => Array.from({ length: n }, (_, i) => ({ id: `b${i}` as BlockId, kind: 'cell', name: `c${i}`, control: { type: 'value' }, value: i }));
const link = (blocks: Block[]) => encodeShareLink({ doc: { version: DOCUMENT_VERSION, title: 'big', blocks } satisfies WorkbookDocument, files: [], missing: [] });

describe('a link is bounded in blocks, sheet cells and characters', () => {
  test('a link of 5,000 cells (it froze the opening tab for minutes) is refused in words', () => {
    expect(() => decodeShareLink(link(cells(5000)))).toThrow(/has 5,000 blocks, and a link opens at most 500\. Ask for the workbook as a file/);
  });

  test('a link at the limit opens', () => {
    expect(decodeShareLink(link(cells(LINK_LIMITS.blocks))).doc.blocks).toHaveLength(LINK_LIMITS.blocks);
  });

  test('sheets past 100,000 cells in all are refused', () => {
    const big = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`A${i + 1}`, String(i)]));
    const sheets: Block[] = [0, 1].map((i) => ({ id: `s${i}` as BlockId, kind: 'sheet', name: `sheet${i}`, cells: big }));
    expect(() => decodeShareLink(link(sheets))).toThrow(/sheets hold 120,000 cells, and a link opens at most 100,000/);
    expect(decodeShareLink(link(sheets.slice(0, 1))).doc.blocks).toHaveLength(1);
  });

  test('a payload too long is refused before anything is unpacked', () => {
    const long = `1.${'A'.repeat(LINK_LIMITS.chars)}`;
    expect(() => decodeShareLink(long)).toThrow(/This link is too long to open: 8,000,002 characters/);
  });
});
