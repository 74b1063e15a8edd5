import { describe, expect, test } from 'vitest';
import { parseTsv, toTsv } from './tsv';

describe('parseTsv reads what spreadsheets put on the clipboard', () => {
  test('tabs separate fields and newlines separate rows, CRLF or LF', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\r\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\rb')).toEqual([['a'], ['b']]);
  });

  test('a trailing newline ends the last row instead of adding an empty one', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('42\n')).toEqual([['42']]);
  });

  test('empty fields and empty rows are kept', () => {
    expect(parseTsv('a\t\tc')).toEqual([['a', '', 'c']]);
    expect(parseTsv('\tb')).toEqual([['', 'b']]);
    expect(parseTsv('a\t')).toEqual([['a', '']]);
    expect(parseTsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseTsv('\n')).toEqual([['']]);
  });

  test('an empty text is no rows', () => {
    expect(parseTsv('')).toEqual([]);
  });

  test('quoted fields hold tabs, newlines and doubled quotes', () => {
    expect(parseTsv('"line 1\nline 2"\tx')).toEqual([['line 1\nline 2', 'x']]);
    expect(parseTsv('"a\tb"\t"say ""hi"""\r\n1\t2\r\n')).toEqual([['a\tb', 'say "hi"'], ['1', '2']]);
    expect(parseTsv('""\t""')).toEqual([['', '']]);
    expect(parseTsv('"a\r\nb"')).toEqual([['a\r\nb']]);
  });

  test('quotes that do not wrap the whole field are text, as typed', () => {
    expect(parseTsv('say "hi"\tx')).toEqual([['say "hi"', 'x']]);
    expect(parseTsv('"hi" there\tx')).toEqual([['"hi" there', 'x']]);
    expect(parseTsv('"unclosed\tx\ny')).toEqual([['"unclosed', 'x'], ['y']]);
    expect(parseTsv('5"\t6')).toEqual([['5"', '6']]);
  });

  test('formulas come through untouched', () => {
    expect(parseTsv('=SUM(B2:B20)\t=sales[amount]\n=IF(A1>0,"yes","no")\t\'text')).toEqual([
      ['=SUM(B2:B20)', '=sales[amount]'],
      ['=IF(A1>0,"yes","no")', "'text"],
    ]);
  });
});

describe('toTsv writes rows for the clipboard', () => {
  test('plain fields are joined with tabs and rows with newlines', () => {
    expect(toTsv([['a', 'b'], ['1', '']])).toBe('a\tb\n1\t');
  });

  test('fields with a tab, a newline or a quote are quoted, quotes doubled', () => {
    expect(toTsv([['a\tb', 'x\ny', 'say "hi"', '=IF(A1,"a","b")']])).toBe('"a\tb"\t"x\ny"\t"say ""hi"""\t"=IF(A1,""a"",""b"")"');
  });

  test('what toTsv writes, parseTsv reads back the same', () => {
    const samples: string[][][] = [
      [['a', 'b'], ['c', 'd']],
      [['', ''], ['', 'x']],
      [['a'], [''], ['b'], ['']],
      [['"', '""', '\t', '\n', '\r\n', ' lead', 'trail ']],
      [['=SUM(A1:A3)', "'007", '=A1&"\t"']],
      [['']],
    ];
    for (const rows of samples) expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
