import { describe, expect, test } from 'vitest';
import { evaluate } from '../evaluate';
import { parseFormula } from '../parser';
import { differences, scalarResult, show } from '../testing/differential';
import { RangeValue, type Value } from '../values';

// TEXTSPLIT, the REGEX functions, VALUETOTEXT and ARRAYTOTEXT against Excel's documented results,
// and TEXTBEFORE/TEXTAFTER where Excel-saved workbooks showed Cellar wrong.

const shown = (formula: string) => show(scalarResult(formula, {}));

/** A formula's whole result: an array as rows of shown values. */
function grid(formula: string): string[][] | string {
  const v: Value = evaluate(parseFormula(`=${formula}`), { name: () => undefined, isTable: () => false, names: () => [][Symbol.iterator](), now: () => new Date(0), random: () => 0.5 });
  if (!(v instanceof RangeValue)) return show(v);
  return Array.from({ length: v.rows }, (_, r) => Array.from({ length: v.cols }, (_, c) => show(v.at(r, c))));
}

describe('TEXTSPLIT', () => {
  test('splits across at column delimiters and down at row delimiters, padding short rows with #N/A', () => {
    expect(grid('TEXTSPLIT("1,2,3;4,5", ",", ";")')).toEqual([
      ['"1"', '"2"', '"3"'],
      ['"4"', '"5"', '#N/A'],
    ]);
    expect(grid('TEXTSPLIT("1,2;3", ",", ";", , , "-")')).toEqual([
      ['"1"', '"2"'],
      ['"3"', '"-"'],
    ]);
  });
  test('several delimiters, empty pieces kept or ignored, case ignored on request', () => {
    expect(grid('TEXTSPLIT("1,2.3-4", {",",".","-"})')).toEqual([['"1"', '"2"', '"3"', '"4"']]);
    expect(grid('TEXTSPLIT("1,,2", ",")')).toEqual([['"1"', '""', '"2"']]);
    expect(grid('TEXTSPLIT("1,,2", ",", , TRUE)')).toEqual([['"1"', '"2"']]);
    expect(grid('TEXTSPLIT("aXbxc", "x", , , 1)')).toEqual([['"a"', '"b"', '"c"']]);
    expect(grid('TEXTSPLIT("aXbxc", "x")')).toEqual([['"aXb"', '"c"']]);
  });
  test('no delimiter, or an empty one, is #VALUE! (Excel-saved workbook: TEXTSPLIT(A2, "") is #VALUE!)', () => {
    for (const f of ['TEXTSPLIT("Hello", "")', 'TEXTSPLIT("Hello", )', 'TEXTSPLIT("Hello", , "")', 'TEXTSPLIT("a,b", ",", , , 2)']) expect(grid(f), f).toBe('#VALUE!');
  });
});

describe('REGEXTEST, REGEXEXTRACT, REGEXREPLACE', () => {
  test("Excel's documented results", () => {
    expect(shown('REGEXTEST("sheep", "[aeiou]{2}")')).toBe('TRUE');
    expect(shown('REGEXTEST("ABC", "b")')).toBe('FALSE');
    expect(shown('REGEXTEST("ABC", "b", 1)')).toBe('TRUE');
    expect(shown('REGEXTEST("ABC", "(?i)b")')).toBe('TRUE');
    expect(grid('REGEXEXTRACT("a1b22c333", "[0-9]+", 1)')).toEqual([['"1"'], ['"22"'], ['"333"']]);
    expect(grid('REGEXEXTRACT("Jane Doe", "(\\w+) (\\w+)", 2)')).toEqual([['"Jane"', '"Doe"']]);
    expect(shown('REGEXREPLACE("Jane Doe", "(\\w+) (\\w+)", "$2, $1")')).toBe('"Doe, Jane"');
    expect(shown('REGEXREPLACE("a1b2c3", "[0-9]", "#", 2)')).toBe('"a1b#c3"');
    expect(shown('REGEXREPLACE("a1b2c3", "[0-9]", "#", -1)')).toBe('"a1b2c#"');
  });
  test('no match is #N/A; a pattern it cannot read (PCRE2-only syntax) or a bad mode is #VALUE!', () => {
    expect(shown('REGEXEXTRACT("abc", "[0-9]")')).toBe('#N/A');
    expect(shown('REGEXTEST("aa", "a++")')).toBe('#VALUE!');
    expect(shown('REGEXTEST("aa", "(")')).toBe('#VALUE!');
    expect(shown('REGEXTEST("aa", "a", 2)')).toBe('#VALUE!');
    expect(shown('REGEXEXTRACT("aa", "a", 3)')).toBe('#VALUE!');
  });
});

describe('the REGEX functions’ subset (Excel’s PCRE2, DuckDB’s RE2 and JavaScript read it alike)', () => {
  test('lookaround, backreferences, named groups, possessive quantifiers and \\A are #VALUE!, saying which', () => {
    for (const p of ['a(?=b)', '(?<!a)b', '(a)\\1', '(?<n>a)', 'a*+', '\\Aa', '(?m)^a']) {
      const v = scalarResult(`REGEXTEST("ab", "${p}")`, {});
      expect(show(v), p).toBe('#VALUE!');
    }
    expect(shown('REGEXTEST("a+", "a\\++")')).toBe('TRUE');
    expect(shown('REGEXTEST("a\\1", "a\\\\1")')).toBe('TRUE');
  });
  test('agree in TypeScript and DuckDB over any text, patterns constant', async () => {
    const sets = ['Order 42 of 7', 'no digits', '', 'ABC abc', 'a.b|c', 'x1y22z333', 'ü 12'].map((t) => ({ values: [t] }));
    for (const t of [
      'REGEXTEST($0, "[0-9]+")',
      'REGEXTEST($0, "^abc", 1)',
      'REGEXTEST($0, "(?i)ABC")',
      'REGEXEXTRACT($0, "[0-9]+")',
      'REGEXEXTRACT($0, "[a-z]+ ?", 0, 1)',
      'REGEXREPLACE($0, "[0-9]+", "#")',
      'REGEXREPLACE($0, "([a-z])([0-9])", "$2$1")',
      'REGEXREPLACE($0, "\\.|\\|", "\\$$")',
      'REGEXTEST($0, "a(?=b)")',
    ])
      expect(await differences(t, sets), t).toEqual([]);
  });
});

describe('VALUETOTEXT and ARRAYTOTEXT', () => {
  test('concise and strict forms; errors become their text', () => {
    expect(shown('VALUETOTEXT("abc")')).toBe('"abc"');
    expect(shown('VALUETOTEXT("abc", 1)')).toBe(JSON.stringify('"abc"'));
    expect(shown('VALUETOTEXT(1/0)')).toBe('"#DIV/0!"');
    expect(shown('VALUETOTEXT(TRUE, 1)')).toBe('"TRUE"');
    expect(shown('ARRAYTOTEXT({1,"a";TRUE,2})')).toBe('"1, a, TRUE, 2"');
    expect(shown('ARRAYTOTEXT({1,"a";TRUE,2}, 1)')).toBe(JSON.stringify('{1,"a";TRUE,2}'));
    expect(shown('VALUETOTEXT(1, 2)')).toBe('#VALUE!');
  });
});

describe('TEXTBEFORE and TEXTAFTER as Excel-saved workbooks show them', () => {
  test('the instance rounds down: -1.2 is -2, 1.6 is 1', () => {
    expect(shown('TEXTAFTER("123 the 456 the 891", "the", -1.2)')).toBe('" 456 the 891"');
    expect(shown('TEXTBEFORE("123 the 456 the 891", "the", 1.6)')).toBe('"123 "');
  });
  test('an instance given with a delimiter longer than the text is #VALUE!; left out it is #N/A', () => {
    expect(shown('TEXTAFTER("del", "deli", 1)')).toBe('#VALUE!');
    expect(shown('TEXTAFTER("del", "deli")')).toBe('#N/A');
  });
  test('match_end other than 0 or 1 is #VALUE!', () => {
    expect(shown('TEXTAFTER("a-b", "x", -1, 1, 2, "none")')).toBe('#VALUE!');
    expect(shown('TEXTAFTER("a-b", "x", -1, 1, TRUE, "none")')).toBe('"a-b"');
  });
});
