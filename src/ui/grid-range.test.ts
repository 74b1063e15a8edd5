import { describe, expect, test } from 'vitest';
import { cellCount, copyLimitMessage, escapeHtml, inBounds, rangeBounds, rangeHtml, rangeTsv } from './grid-range';

describe('grid ranges', () => {
  test('bounds are the same whichever corner the drag started from', () => {
    const b = rangeBounds({ anchor: { row: 5, col: 3 }, focus: { row: 2, col: 1 } });
    expect(b).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
    expect(cellCount(b)).toBe(12);
    expect(inBounds(b, 2, 1)).toBe(true);
    expect(inBounds(b, 6, 1)).toBe(false);
    expect(inBounds(b, 3, 0)).toBe(false);
  });

  test('a range over 100,000 cells is refused with what to do instead', () => {
    expect(copyLimitMessage({ top: 0, bottom: 9_999, left: 0, right: 9 })).toBeUndefined();
    const msg = copyLimitMessage({ top: 0, bottom: 10_000, left: 0, right: 9 });
    expect(msg).toContain('100,010 cells');
    expect(msg).toContain('CSV or Parquet');
  });
});

describe('copied text', () => {
  test('TSV joins fields with tabs and rows with newlines', () => {
    expect(rangeTsv([['a', '1'], ['b', '2.5']])).toBe('a\t1\nb\t2.5');
  });

  test('a field with a tab, newline or quote is quoted as Excel expects, quotes doubled', () => {
    expect(rangeTsv([['x\ty', 'two\nlines', 'say "hi"', 'plain']])).toBe('"x\ty"\t"two\nlines"\t"say ""hi"""\tplain');
  });

  test('HTML is a table of escaped values, the header row as th', () => {
    expect(escapeHtml(`<b>&"'`)).toBe('&lt;b&gt;&amp;&quot;&#39;');
    expect(rangeHtml([['name', 'n'], ['<a>', '1']], true)).toBe('<table><tr><th>name</th><th>n</th></tr><tr><td>&lt;a&gt;</td><td>1</td></tr></table>');
    expect(rangeHtml([['a\nb']])).toBe('<table><tr><td>a<br>b</td></tr></table>');
  });
});
