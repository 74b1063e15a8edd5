import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { isFormulaError } from '../errors';
import { allFunctions } from '../functions';
import { differences, scalarResult, type DiffCase } from '../testing/differential';
import { cases, EDGE_DATES, EDGE_NUMBERS, EDGE_TEXTS, type Generators } from '../testing/generate';
import { DateValue, displayValue, serialFromParts, type Scalar } from '../values';

// The text functions through both forms (TypeScript and DuckDB), against Excel's documented
// results, and against @formulajs/formulajs where it implements the same function.

/** The displayed value of a formula's scalar form. */
const shown = (formula: string) => displayValue(scalarResult(formula, {}));

/** Texts that stress positions, case and wildcards, beside the generator's own. */
const TEXTS = [
  ...EDGE_TEXTS,
  'a-b-c',
  'north-east-1',
  "Red riding hood's, red hood",
  'aaa',
  'Straße',
  'İstanbul',
  'ᾳ and ß',
  "o'brien 2-way",
  'tab\there\nline',
  '€ 5',
  '~*?',
  '  two   spaces  ',
  'x 😀 y',
];

/** Text pieces to search for, replace or cut at: plain, other case, wildcards, escapes, empty. */
const PIECES = ['a', 'A', 'l', 'L', '-', ' ', 'e', 'ß', 'SS', 'red', 'RED', 'aa', '', '*', '?', 'a*', '?l', 'e*o', '~*', '~?', '~~', 'x,y', '日', '😀', 'hood', 'b?c'];

function text(g: Generators): string {
  return g.integer(0, 3) === 0 ? g.pick(TEXTS) : g.text();
}

/** A column of one type (as a table column has), with empty cells. */
function column(g: Generators, n: number, kind = g.pick(['number', 'text', 'text', 'boolean', 'date'] as const)): Scalar[] {
  const make = { number: () => g.number(), text: () => text(g), boolean: () => g.boolean(), date: () => g.date() }[kind];
  return Array.from({ length: n }, () => (g.integer(0, 4) === 0 ? null : make()));
}

/** A formulajs result as our displayed value, for comparing. */
function theirs(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Runs `inputs` through our scalar form and formulajs, and lists where they disagree. */
function oracleMismatches(template: string, fn: (...xs: never[]) => unknown, inputs: Scalar[][]): string[] {
  const out: string[] = [];
  for (const xs of inputs) {
    const ours = scalarResult(template, { values: xs });
    const expected = theirs((fn as (...ys: Scalar[]) => unknown)(...xs));
    const got = isFormulaError(ours) ? ours.code : displayValue(ours);
    if (got !== expected) out.push(`${template} with ${JSON.stringify(xs)}: ours ${JSON.stringify(got)}, formulajs ${JSON.stringify(expected)}`);
  }
  return out;
}

const ASCII_TEXTS = ['', 'a', 'Cellar', 'hello world', 'a-b-c', 'Miriam McGovern', 'Profit Margin', 'banana', 'x,y', 'MiXeD CaSe'];
const asciiText = (g: Generators) => (g.integer(0, 1) ? g.pick(ASCII_TEXTS) : g.text());

describe('every text function has both forms and a working example', () => {
  const names = ['MID', 'FIND', 'SEARCH', 'SUBSTITUTE', 'REPLACE', 'TEXTJOIN', 'CONCATENATE', 'TRIM', 'UPPER', 'LOWER', 'PROPER', 'REPT', 'TEXT', 'VALUE', 'EXACT', 'CHAR', 'CODE', 'UNICHAR', 'UNICODE', 'CLEAN', 'TEXTBEFORE', 'TEXTAFTER', 'FIXED'];
  test('the 23 new functions (with LEFT, RIGHT, LEN and CONCAT) are in the catalog with an SQL form', () => {
    const text = allFunctions().filter((f) => f.category === 'text');
    for (const name of [...names, 'LEFT', 'RIGHT', 'LEN', 'CONCAT']) {
      const spec = text.find((f) => f.name === name);
      expect(spec, name).toBeDefined();
      expect(spec!.sql, name).toBeDefined();
    }
  });
  test('examples show their documented result in both forms', async () => {
    for (const spec of allFunctions().filter((f) => f.category === 'text')) {
      const formula = spec.example.formula.slice(1);
      expect(shown(formula), spec.name).toBe(spec.example.result);
      expect(await differences(formula, [{}], ['constant']), spec.name).toEqual([]);
    }
  });
});

describe('MID and REPLACE', () => {
  const sets = cases(60, (g) => ({ values: [text(g), g.integer(-1, 9), g.integer(-1, 6), g.pick(['', '*', 'new', 'ü'])] }));

  test('MID takes characters from a position; a start below 1 or a negative count is #VALUE!', async () => {
    expect(await differences('MID($0, $1, $2)', sets)).toEqual([]);
    expect(await differences('MID($0, $1, $2)', cases(20, (g) => ({ values: [g.any(), g.any(), g.integer(0, 3)] })))).toEqual([]);
    expect(shown('MID("Fluid Flow", 1, 5)')).toBe('Fluid');
    expect(shown('MID("Fluid Flow", 7, 20)')).toBe('Flow');
    expect(shown('MID("Fluid Flow", 20, 5)')).toBe('');
    expect(shown('MID("Fluid Flow", 0, 5)')).toBe('#VALUE!');
    expect(shown('MID("Fluid Flow", 2, -1)')).toBe('#VALUE!');
    expect(shown('MID("x😀y", 2, 1)')).toBe('😀');
    expect(await differences('MID($0, $1, $2)', [{ values: ['abc', 1, 1e20] }, { values: ['abc', 1e20, 1] }, { values: ['abc', 2.9, 1.9] }])).toEqual([]);
  });

  test('REPLACE puts new text in place of a count of characters from a position', async () => {
    expect(await differences('REPLACE($0, $1, $2, $3)', sets)).toEqual([]);
    expect(shown('REPLACE("abcdefghijk", 6, 5, "*")')).toBe('abcde*k');
    expect(shown('REPLACE("2009", 3, 2, "10")')).toBe('2010');
    expect(shown('REPLACE("123456", 1, 3, "@")')).toBe('@456');
    expect(shown('REPLACE("abc", 10, 1, "!")')).toBe('abc!');
    expect(shown('REPLACE("abc", 0, 1, "!")')).toBe('#VALUE!');
    expect(await differences('REPLACE($0, $1, $2, $3)', [{ values: ['abc', 2, 1e20, 'x'] }, { values: ['abc', 1e20, 1e20, 'x'] }])).toEqual([]);
  });

  test('agree with formulajs on plain text, a start from 1 and a count from 1', () => {
    // formulajs's MID calls a count of 0 #VALUE! (Excel gives ""), and both count UTF-16 units.
    const inputs = cases(60, (g) => [asciiText(g), g.integer(1, 8), g.integer(1, 5)]);
    expect(oracleMismatches('MID($0, $1, $2)', formulajs.MID, inputs)).toEqual([]);
    const replaces = cases(60, (g) => [asciiText(g), g.integer(1, 8), g.integer(0, 5), g.pick(['', '*', 'new'])]);
    expect(oracleMismatches('REPLACE($0, $1, $2, $3)', formulajs.REPLACE, replaces)).toEqual([]);
  });
});

describe('FIND and SEARCH', () => {
  const sets = cases(80, (g) => ({ values: [g.pick(PIECES), text(g), g.integer(0, 8)] }));

  test('FIND is case-sensitive and literal; not found, or a start outside the text, is #VALUE!', async () => {
    expect(await differences('FIND($0, $1)', sets)).toEqual([]);
    expect(await differences('FIND($0, $1, $2)', sets)).toEqual([]);
    expect(shown('FIND("M", "Miriam McGovern")')).toBe('1');
    expect(shown('FIND("m", "Miriam McGovern")')).toBe('6');
    expect(shown('FIND("M", "Miriam McGovern", 3)')).toBe('8');
    expect(shown('FIND("z", "Miriam")')).toBe('#VALUE!');
    expect(shown('FIND("*", "a*b")')).toBe('2');
    expect(shown('FIND("", "abc", 3)')).toBe('3');
    expect(shown('FIND("a", "abc", 4)')).toBe('#VALUE!');
    expect(shown('FIND("y", "x😀y")')).toBe('3');
  });

  test('SEARCH ignores case and reads * ? as wildcards, ~ as their escape', async () => {
    expect(await differences('SEARCH($0, $1)', sets)).toEqual([]);
    expect(await differences('SEARCH($0, $1, $2)', sets)).toEqual([]);
    expect(shown('SEARCH("e", "Statements", 6)')).toBe('7');
    expect(shown('SEARCH("margin", "Profit Margin")')).toBe('8');
    expect(shown('SEARCH("M?r", "Profit Margin")')).toBe('8');
    expect(shown('SEARCH("p*t", "Profit Margin")')).toBe('1');
    expect(shown('SEARCH("*", "abc")')).toBe('1');
    expect(shown('SEARCH("~*", "a*b")')).toBe('2');
    expect(shown('SEARCH("~?", "a?b")')).toBe('2');
    expect(shown('SEARCH("b?", "ab")')).toBe('#VALUE!');
    expect(shown('SEARCH("STRASSE", "Straße")')).toBe('#VALUE!');
    expect(shown('SEARCH("ss", "ẞss")')).toBe('2');
    expect(shown('REPLACE("Profit Margin", SEARCH("Margin", "Profit Margin"), 6, "Amount")')).toBe('Profit Amount');
  });

  test('SEARCH patterns that vary by row (regex characters and escapes included) agree with constant ones', async () => {
    const tricky = ['a.c', '(x)', '[a]', 'a+', '^a', 'a$', '\\', 'a|b', '{1}', '~~*', '~a', '~~~?', 'é*', '.*'];
    const sets = cases(60, (g) => ({ values: [g.pick([...tricky, ...PIECES]), g.pick(['a.c', 'abc', '(x) [a] a+', '^a$', 'a\\b', 'a|b{1}', '~*', '~~x', '~a', 'é.*', 'aab', 'x']), g.integer(1, 3)] }));
    expect(await differences('SEARCH($0, $1, $2)', sets)).toEqual([]);
  });

  test('agree with formulajs where it searches as Excel does (no wildcards, plain text)', () => {
    // formulajs has no wildcards and does not check the start against the text's length.
    const inputs = cases(80, (g) => {
      const within = g.pick(ASCII_TEXTS.filter((t) => t !== ''));
      return [g.pick(['a', 'A', 'l', 'e', 'an', 'M', 'x', 'c']), within, g.integer(1, within.length)];
    });
    expect(oracleMismatches('FIND($0, $1, $2)', formulajs.FIND, inputs)).toEqual([]);
    expect(oracleMismatches('SEARCH($0, $1, $2)', formulajs.SEARCH, inputs)).toEqual([]);
  });
});

describe('SUBSTITUTE', () => {
  const sets = cases(80, (g) => ({ values: [text(g), g.pick(PIECES), g.pick(['', '+', 'XX', 'ü']), g.integer(0, 4)] }));

  test('replaces every occurrence, or only the nth; an instance below 1 is #VALUE!', async () => {
    expect(await differences('SUBSTITUTE($0, $1, $2)', sets)).toEqual([]);
    expect(await differences('SUBSTITUTE($0, $1, $2, $3)', sets)).toEqual([]);
    expect(shown('SUBSTITUTE("Sales Data", "Sales", "Cost")')).toBe('Cost Data');
    expect(shown('SUBSTITUTE("Quarter 1, 2008", "1", "2", 1)')).toBe('Quarter 2, 2008');
    expect(shown('SUBSTITUTE("Quarter 1, 2011", "1", "2", 3)')).toBe('Quarter 1, 2012');
    expect(shown('SUBSTITUTE("aaa", "aa", "b")')).toBe('ba');
    expect(shown('SUBSTITUTE("aaa", "aa", "b", 2)')).toBe('aaa');
    expect(shown('SUBSTITUTE("abc", "", "x")')).toBe('abc');
    expect(shown('SUBSTITUTE("abc", "b", "x", 0)')).toBe('#VALUE!');
    expect(shown('SUBSTITUTE("aAa", "a", "x")')).toBe('xAx');
    expect(await differences('SUBSTITUTE($0, $1, $2, $3)', [{ values: ['a-b', '-', '+', 1e20] }])).toEqual([]);
  });

  test('agrees with formulajs when the old text is one character that does not start the text', () => {
    // formulajs misses an occurrence at the very start when an instance is given.
    const inputs = cases(80, (g) => {
      const old = g.pick(['a', '-', 'l', ' ', 'n']);
      const t = g.pick(ASCII_TEXTS.filter((x) => !x.startsWith(old)));
      return [t, old, g.pick(['+', 'XX', '']), g.integer(1, 3)];
    });
    expect(oracleMismatches('SUBSTITUTE($0, $1, $2, $3)', formulajs.SUBSTITUTE, inputs)).toEqual([]);
    expect(oracleMismatches('SUBSTITUTE($0, $1, $2)', formulajs.SUBSTITUTE, inputs.map((xs) => xs.slice(0, 3)))).toEqual([]);
  });
});

describe('CONCAT, CONCATENATE and TEXTJOIN', () => {
  const sets = cases(50, (g) => {
    const n = g.integer(0, 6);
    return { values: [g.pick([', ', '-', '', ' and ', 7]), g.pick([true, false, 1, 0]), g.any(), g.pick(['', 'x', null, 3])], ranges: [column(g, n), column(g, n, 'text')] };
  });

  test('TEXTJOIN joins values and table columns in row order, leaving out empty ones when asked', async () => {
    for (const t of ['TEXTJOIN($0, $1, #0)', 'TEXTJOIN($0, $1, #1)', 'TEXTJOIN($0, $1, $2, #0, $3)', 'TEXTJOIN($0, $1, $2, $3)', 'TEXTJOIN($0, $1, #1, #0)']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
    expect(shown('TEXTJOIN(" ", TRUE, "The", "sun", "will", "come", "up", "tomorrow.")')).toBe('The sun will come up tomorrow.');
    expect(scalarResult('TEXTJOIN(", ", TRUE, #0)', { ranges: [['US', null, 'Canada', '', 'Mexico']] })).toBe('US, Canada, Mexico');
    expect(scalarResult('TEXTJOIN(", ", FALSE, #0)', { ranges: [['US', null, 'Canada', '', 'Mexico']] })).toBe('US, , Canada, , Mexico');
    expect(scalarResult('TEXTJOIN("-", TRUE, #0)', { ranges: [[1, 2.5, true, new DateValue(serialFromParts(2024, 3, 1))]] })).toBe('1-2.5-TRUE-45352');
    expect(shown('TEXTJOIN("-", "maybe", "a")')).toBe('#VALUE!');
  });

  test('CONCAT joins values and table columns; CONCATENATE joins values', async () => {
    for (const t of ['CONCAT(#0)', 'CONCAT($2, #1, $0)', 'CONCATENATE($0, $2, $3)', 'CONCATENATE($2)']) expect(await differences(t, sets), t).toEqual([]);
    expect(shown('CONCATENATE("Stream population for ", "brook trout", " species is ", 32, "/mile.")')).toBe('Stream population for brook trout species is 32/mile.');
    expect(shown('CONCATENATE("a", TRUE, 1.5)')).toBe('aTRUE1.5');
    expect(shown('CONCATENATE(1/0, "a")')).toBe('#DIV/0!');
  });

  test('agree with formulajs on texts', () => {
    // formulajs's ignore_empty also drops 0 and FALSE, so only texts go in.
    const inputs = cases(50, (g) => [g.pick([', ', '-', '']), g.boolean(), g.pick(ASCII_TEXTS), g.pick(ASCII_TEXTS), g.pick(ASCII_TEXTS)]);
    expect(oracleMismatches('TEXTJOIN($0, $1, $2, $3, $4)', formulajs.TEXTJOIN, inputs)).toEqual([]);
    const parts = cases(40, (g) => [g.pick(ASCII_TEXTS), g.pick([1, 42, -3, true, false, 'x']), g.pick(ASCII_TEXTS)]);
    expect(oracleMismatches('CONCATENATE($0, $1, $2)', formulajs.CONCATENATE, parts)).toEqual([]);
  });
});

describe('TRIM, UPPER, LOWER, PROPER, CLEAN', () => {
  const sets: DiffCase[] = [...TEXTS.map((t) => ({ values: [t] })), ...cases(40, (g) => ({ values: [g.any()] })), { values: ['\u00a0nbsp\u00a0'] }, { values: ['ǅ ǆ Ǆ'] }, { values: ['ᾀ ᾳ ῳ'] }];

  test('agree in both forms on texts of every shape', async () => {
    for (const f of ['TRIM', 'UPPER', 'LOWER', 'PROPER', 'CLEAN']) expect(await differences(`${f}($0)`, sets), f).toEqual([]);
  });

  test('TRIM removes only spaces: from the ends, and runs inside down to one', () => {
    expect(shown('TRIM(" First Quarter   Earnings ")')).toBe('First Quarter Earnings');
    expect(scalarResult('TRIM($0)', { values: ['\ta  b\t'] })).toBe('\ta b\t');
    expect(shown('TRIM("   ")')).toBe('');
  });

  test('LEN("😀") counts UTF-16 units (2), as Excel does, in both forms', async () => {
    expect(shown('LEN("😀")')).toBe('2');
    expect(shown('LEN("a😀b")')).toBe('4');
    expect(await differences('LEN($0)', ['😀', 'a😀b', '日本語', 'ÄÖü ß', '', '𝔸𝔹'].map((t) => ({ values: [t] })))).toEqual([]);
  });

  test('UPPER and LOWER map each character to one character, as DuckDB does', () => {
    expect(shown('UPPER("total")')).toBe('TOTAL');
    expect(shown('LOWER("E. E. Cummings")')).toBe('e. e. cummings');
    expect(shown('UPPER("Straße")')).toBe('STRAẞE');
    expect(shown('LOWER("İ")')).toBe('i');
    expect(shown('LEN(UPPER("ß"))')).toBe('1');
  });

  test('PROPER capitalizes each letter that follows a non-letter', () => {
    expect(shown('PROPER("this is a TITLE")')).toBe('This Is A Title');
    expect(shown('PROPER("2-way street")')).toBe('2-Way Street');
    expect(shown('PROPER("76BudGet")')).toBe('76Budget');
    expect(shown(`PROPER("o'brien")`)).toBe("O'Brien");
  });

  test('CLEAN removes the characters 0 to 31 and nothing else', () => {
    expect(shown('CLEAN(CHAR(9) & "Monthly report" & CHAR(10))')).toBe('Monthly report');
    expect(shown('CLEAN("a" & UNICHAR(127) & "b")')).toBe('a\u007fb');
  });

  test('agree with formulajs on plain Latin text', () => {
    // formulajs's TRIM collapses tabs and line breaks too, its UPPER writes ß as SS, and its
    // PROPER capitalizes only after spaces: inputs are letters, digits and single spaces here.
    // ß is left out: formulajs's UPPER writes SS, ours ẞ (DuckDB maps each character to one).
    const inputs = cases(60, (g) => [g.pick([...ASCII_TEXTS, 'élan vital', 'ÄÖü', 'two  spaces ', ' lead']), g.text()])
      .flatMap((xs) => xs.map((x) => [x]))
      .filter(([x]) => !String(x).includes('ß'));
    expect(oracleMismatches('TRIM($0)', formulajs.TRIM, inputs)).toEqual([]);
    expect(oracleMismatches('UPPER($0)', formulajs.UPPER, inputs)).toEqual([]);
    expect(oracleMismatches('LOWER($0)', formulajs.LOWER, inputs)).toEqual([]);
    expect(oracleMismatches('PROPER($0)', formulajs.PROPER, inputs.filter(([x]) => /^[A-Za-z ]*$/.test(String(x))))).toEqual([]);
    const dirty = cases(30, (g) => [`${g.text()}${String.fromCharCode(g.integer(0, 40))}${g.text()}`]);
    expect(oracleMismatches('CLEAN($0)', formulajs.CLEAN, dirty)).toEqual([]);
  });
});

describe('REPT and EXACT', () => {
  test('REPT repeats; a negative count, or more than 32,767 characters, is #VALUE!', async () => {
    const sets = cases(40, (g) => ({ values: [text(g), g.integer(-2, 5)] }));
    expect(await differences('REPT($0, $1)', [...sets, { values: ['abc', 20000] }, { values: ['a', 32767] }, { values: ['ab', 1e20] }, { values: ['', 1e20] }, { values: ['ab', 2.9] }])).toEqual([]);
    expect(shown('REPT("*-", 3)')).toBe('*-*-*-');
    expect(shown('REPT("ab", 0)')).toBe('');
    expect(shown('REPT("ab", -1)')).toBe('#VALUE!');
    expect(shown('LEN(REPT("a", 32767))')).toBe('32767');
    expect(shown('REPT("a", 32768)')).toBe('#VALUE!');
    expect(oracleMismatches('REPT($0, $1)', formulajs.REPT, cases(30, (g) => [g.pick(ASCII_TEXTS), g.integer(0, 4)]))).toEqual([]);
  });

  test('EXACT compares texts case-sensitively', async () => {
    const sets = cases(60, (g) => {
      const a = g.any();
      return { values: [a, g.pick([a, typeof a === 'string' ? a.toUpperCase() : a, g.any(), '1', 1])] };
    });
    expect(await differences('EXACT($0, $1)', sets)).toEqual([]);
    expect(shown('EXACT("word", "word")')).toBe('TRUE');
    expect(shown('EXACT("Word", "word")')).toBe('FALSE');
    expect(shown('EXACT("w ord", "word")')).toBe('FALSE');
    expect(shown('EXACT(1, "1")')).toBe('TRUE');
    const texts = cases(40, (g) => {
      const a = g.pick(ASCII_TEXTS);
      return [a, g.pick([a, a.toUpperCase(), g.pick(ASCII_TEXTS)])];
    });
    expect(oracleMismatches('EXACT($0, $1)', formulajs.EXACT, texts)).toEqual([]);
  });
});

describe('CHAR, CODE, UNICHAR and UNICODE', () => {
  test('CHAR and CODE use the Windows character set: CHAR(128) is €, CODE of a character it lacks is 63', async () => {
    const codes = [...Array.from({ length: 40 }, (_, i) => 120 + i), 0, 1, 9, 10, 32, 65, 255, 256, -1, 65.9, 1e20, '66', null];
    expect(await differences('CHAR($0)', codes.map((c) => ({ values: [c] })))).toEqual([]);
    expect(await differences('CODE(CHAR($0))', codes.map((c) => ({ values: [c] })))).toEqual([]);
    expect(await differences('CODE($0)', [...TEXTS, 'œ', '\u0080', '\u0081', 'ÿ', 'Ā', 42, true].map((t) => ({ values: [t] })))).toEqual([]);
    expect(shown('CHAR(65)')).toBe('A');
    expect(shown('CHAR(128)')).toBe('€');
    expect(shown('CHAR(0)')).toBe('#VALUE!');
    expect(shown('CHAR(256)')).toBe('#VALUE!');
    expect(shown('CODE("A")')).toBe('65');
    expect(shown('CODE("€")')).toBe('128');
    expect(shown('CODE("日本")')).toBe('63');
    expect(shown('CODE("")')).toBe('#VALUE!');
    // Every code comes back as itself.
    for (let i = 1; i <= 255; i++) expect(scalarResult(`CODE(CHAR(${i}))`, {})).toBe(i);
  });

  test('UNICHAR and UNICODE use Unicode code points; 0 and beyond 1114111 are #VALUE!, surrogate halves #N/A', async () => {
    const codes = [0, 1, 65, 233, 8364, 9731, 55295, 55296, 57343, 57344, 65535, 128512, 1114111, 1114112, -5, 1e20, 'x'];
    expect(await differences('UNICHAR($0)', codes.map((c) => ({ values: [c] })))).toEqual([]);
    expect(await differences('UNICODE($0)', [...TEXTS, 42].map((t) => ({ values: [t] })))).toEqual([]);
    expect(shown('UNICHAR(66)')).toBe('B');
    expect(shown('UNICHAR(128512)')).toBe('😀');
    expect(shown('UNICHAR(0)')).toBe('#VALUE!');
    expect(shown('UNICHAR(55296)')).toBe('#N/A');
    expect(shown('UNICODE("😀x")')).toBe('128512');
    expect(shown('UNICODE("")')).toBe('#VALUE!');
  });

  test('agree with formulajs where it reads the same character set (ASCII and Latin-1, the BMP)', () => {
    // formulajs's CHAR is Latin-1, so 128–159 differ on purpose (Excel for Windows is Windows-1252).
    const latin = [...Array.from({ length: 127 }, (_, i) => i + 1), ...Array.from({ length: 96 }, (_, i) => i + 160)];
    expect(oracleMismatches('CHAR($0)', formulajs.CHAR, latin.map((c) => [c]))).toEqual([]);
    expect(oracleMismatches('CODE($0)', formulajs.CODE, latin.map((c) => [String.fromCharCode(c)]))).toEqual([]);
    const bmp = [1, 65, 233, 960, 8364, 9731, 40000, 65533];
    expect(oracleMismatches('UNICHAR($0)', formulajs.UNICHAR, bmp.map((c) => [c]))).toEqual([]);
    expect(oracleMismatches('UNICODE($0)', formulajs.UNICODE, bmp.map((c) => [String.fromCharCode(c)]))).toEqual([]);
  });
});

/** TEXT's format codes, a few unsupported ones and case variants included. */
const FORMATS = ['0', '0.00', '#,##0', '#,##0.00', '0%', '0.0%', '0.000', '#,##0.0%', 'yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy', 'mmm', 'mmmm', 'ddd', 'dddd', 'hh:mm', 'hh:mm:ss', 'YYYY-MM-DD', 'General', '$#,##0', 'd mmm', '', '0.'];

describe('TEXT', () => {
  const mixed = cases(120, (g) => ({ values: [g.pick([g.number(), g.number(), g.date(), g.any(), g.integer(0, 60000) + g.integer(0, 86399) / 86400]), g.pick(FORMATS)] }));
  for (const [part, sets] of [mixed.slice(0, 60), mixed.slice(60)].entries()) {
    test(`formats numbers, dates and times with the supported codes; any other code is #VALUE! (part ${part + 1})`, async () => {
      expect(await differences('TEXT($0, $1)', sets)).toEqual([]);
    });
  }

  const awkward = [...EDGE_NUMBERS, 0.125, -0.125, 1.005, 2.675, -2.5, 0.5, 1e21, 123456789012345678, 999999999999999.5, 1e-7, -1e-7, 0.0015, 999.995, 1e300, -0.0001];
  for (const format of ['0', '0.00', '#,##0.00', '0%', '0.0%']) {
    test(`writes awkward numbers alike in both forms as ${format}: halves, huge, tiny, negative`, async () => {
      expect(await differences('TEXT($0, $1)', awkward.map((x) => ({ values: [x, format] })))).toEqual([]);
    });
  }

  test('rounds half away from zero on 15 significant digits, as Excel does', () => {
    expect(shown('TEXT(1.005, "0.00")')).toBe('1.01');
    expect(shown('TEXT(2.5, "0")')).toBe('3');
    expect(shown('TEXT(-2.5, "0")')).toBe('-3');
    expect(shown('TEXT(0.285, "0.0%")')).toBe('28.5%');
    // Formats with # go in as values: the test harness reads #0 in a formula as a range.
    expect(displayValue(scalarResult('TEXT(1234.567, $0)', { values: ['#,##0'] }))).toBe('1,235');
    expect(displayValue(scalarResult('TEXT(1234567.891, $0)', { values: ['#,##0.00'] }))).toBe('1,234,567.89');
    expect(shown('TEXT(-0.001, "0.00")')).toBe('-0.00');
    expect(shown('TEXT(123456789012345678, "0")')).toBe('123456789012346000');
    expect(shown('TEXT(0.00001, "0.00000")')).toBe('0.00001');
  });

  test('writes dates and times by their codes', async () => {
    expect(shown('TEXT(DATE(2012, 3, 14), "mm/dd/yyyy")')).toBe('03/14/2012');
    expect(shown('TEXT(DATE(2012, 3, 14), "dd/mm/yyyy")')).toBe('14/03/2012');
    expect(shown('TEXT(DATE(2024, 3, 1), "dddd")')).toBe('Friday');
    expect(shown('TEXT(DATE(2024, 3, 1), "ddd mmm")')).toBe('#VALUE!');
    expect(shown('TEXT(DATE(2024, 9, 1), "mmm")')).toBe('Sep');
    expect(shown('TEXT(DATE(2024, 9, 1), "MMMM")')).toBe('September');
    expect(shown('TEXT(0.75, "hh:mm")')).toBe('18:00');
    expect(shown('TEXT(45000.5 + 1/86400 * 0.6, "hh:mm:ss")')).toBe('12:00:01');
    expect(shown('TEXT("2024-03-01", "yyyy")')).toBe('2024');
    expect(shown('TEXT(-1, "yyyy")')).toBe('#VALUE!');
    expect(await differences('TEXT($0, $1)', EDGE_DATES.flatMap((d) => ['yyyy-mm-dd', 'dddd', 'hh:mm:ss', 'mmmm', '0.00'].map((f) => ({ values: [d, f] }))))).toEqual([]);
  });

  test('TEXT(date, "m/d/y") works: Excel\'s short US dates and times without leading zeros, in both forms', async () => {
    expect(shown('TEXT(DATE(2024, 3, 5), "m/d/y")')).toBe('3/5/24');
    expect(shown('TEXT(DATE(2024, 3, 5), "m/d/yyyy")')).toBe('3/5/2024');
    expect(shown('TEXT(DATE(2024, 11, 25), "d/m/yyyy")')).toBe('25/11/2024');
    expect(shown('TEXT(0.3125, "h:mm")')).toBe('7:30');
    expect(await differences('TEXT($0, $1)', EDGE_DATES.flatMap((d) => ['m/d/y', 'm/d/yy', 'm/d/yyyy', 'd/m/yyyy', 'h:mm'].map((f) => ({ values: [d, f] }))))).toEqual([]);
  });

  test('text that is not a number comes back as it is; numeric text is formatted', async () => {
    expect(shown('TEXT("abc", "0.00")')).toBe('abc');
    expect(shown('TEXT("1,234.5", "0.00")')).toBe('1234.50');
    expect(shown('TEXT(TRUE, "0")')).toBe('TRUE');
    expect(shown('TEXT("abc", "nope")')).toBe('#VALUE!');
    expect(scalarResult('TEXT(1, "$#,##0")', {})).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('yyyy-mm-dd') });
    expect(await differences('TEXT($0, $1)', cases(40, (g) => ({ values: [g.pick(['abc', '12%', ' 7 ', '1,234', '2024-02-29', '2024-02-30', true, null, '']), g.pick(FORMATS)] })))).toEqual([]);
  });

  test('agrees with formulajs on number formats where binary rounding does not decide', () => {
    // formulajs rounds through toFixed (binary), so halves are left out: 1.005 is 1.00 there.
    const decidedBy = (x: number, d: number) => Math.abs(((Math.abs(x) * 10 ** d) % 1) - 0.5) > 1e-6;
    const inputs = cases(80, (g) => [g.number(), g.pick(['0', '0.00', '#,##0', '#,##0.00', '0%', '0.0%'])]).filter(([x, f]) => {
      const format = f as string;
      const d = (format.split('.')[1] ?? '').replace('%', '').length + (format.endsWith('%') ? 2 : 0);
      return decidedBy(x as number, d) && Math.abs(x as number) < 1e15;
    });
    expect(oracleMismatches('TEXT($0, $1)', formulajs.TEXT, inputs)).toEqual([]);
  });
});

describe('VALUE and FIXED', () => {
  test('VALUE reads numbers, percentages, thousands separators and ISO dates; anything else is #VALUE!', async () => {
    const texts = ['12', ' 42 ', '-3.5', '1e3', '.5', '12%', '-12.5%', '1,234', '1,234.5', '+1,234,567.25%', '1,23', '12,3456', '2024-03-01', '2024-02-30', '2024-03-01 12:30', '2024-03-01T12:30:15.25', '2024-03-01 25:00', '1899-12-31', 'abc', '', '1e400', '$5', 'TRUE'];
    const sets = [...texts.map((t) => ({ values: [t] })), ...cases(30, (g) => ({ values: [g.any()] })), { values: [null] }, { values: [true] }];
    expect(await differences('VALUE($0)', sets)).toEqual([]);
    expect(shown('VALUE("1,234.5")')).toBe('1234.5');
    expect(shown('VALUE("12%")')).toBe('0.12');
    expect(shown('VALUE("2024-03-01")')).toBe('45352');
    expect(shown('VALUE("2024-03-01 18:00")')).toBe('45352.75');
    expect(shown('VALUE("abc")')).toBe('#VALUE!');
    expect(shown('VALUE(TRUE)')).toBe('#VALUE!');
    expect(shown('VALUE("")')).toBe('#VALUE!');
    expect(oracleMismatches('VALUE($0)', formulajs.VALUE, [['12'], ['-3.5'], ['1,234.5'], ['12%'], ['1,234,567']])).toEqual([]);
  });

  const fixedSets = cases(80, (g) => ({ values: [g.pick([g.number(), g.any(), g.pick([1e21, 123456789012345678, -0.001, 0.5, 1e-9])]), g.integer(-4, 6), g.pick([true, false, 0, 1])] }));
  test('FIXED agrees in both forms on numbers of every size, decimals either side of the point, with and without commas', async () => {
    expect(await differences('FIXED($0, $1, $2)', fixedSets)).toEqual([]);
  });

  test('FIXED rounds to decimals (left of the point when negative) and writes commas unless told not to', async () => {
    expect(await differences('FIXED($0)', fixedSets.slice(0, 30))).toEqual([]);
    expect(await differences('FIXED($0, $1)', [{ values: [1, 128] }, { values: [1, -128] }, { values: [1e-120, 127] }, { values: [1e300, 127] }, { values: [1e300, -127] }])).toEqual([]);
    expect(shown('FIXED(1234.567, 1)')).toBe('1,234.6');
    expect(shown('FIXED(1234.567, -1)')).toBe('1,230');
    expect(shown('FIXED(-1234.567, -1, TRUE)')).toBe('-1230');
    expect(shown('FIXED(44.332)')).toBe('44.33');
    expect(shown('FIXED(1.005, 2)')).toBe('1.01');
    expect(shown('FIXED(-0.001, 2)')).toBe('0.00');
    expect(shown('FIXED(1, 128)')).toBe('#VALUE!');
    // formulajs rounds through toFixed (binary) and Math.round (halves up), so halves are left out.
    const inputs = cases(60, (g) => [g.number(), g.integer(0, 4), g.boolean()]).filter(([x, d]) => Math.abs(((Math.abs(x as number) * 10 ** (d as number)) % 1) - 0.5) > 1e-6);
    expect(oracleMismatches('FIXED($0, $1, $2)', formulajs.FIXED, inputs)).toEqual([]);
  });
});

describe('TEXTBEFORE and TEXTAFTER', () => {
  const sets = cases(80, (g) => ({ values: [text(g), g.pick(PIECES), g.pick([1, 1, 2, 3, -1, -2, 0, 40]), g.pick([0, 0, 1, 2]), g.boolean(), g.pick(['none', 0, null])] }));

  for (const f of ['TEXTBEFORE', 'TEXTAFTER']) {
    test(`${f} cuts at the nth delimiter, from either end, case-sensitively or not, with the end as a delimiter when asked`, async () => {
      for (const t of [`${f}($0, $1, $2)`, `${f}($0, $1, $2, $3, $4, $5)`]) expect(await differences(t, sets), t).toEqual([]);
    });
  }

  test("Excel's documented results", () => {
    const hood = '"Little red riding hood\'s red hood"';
    expect(shown(`TEXTBEFORE(${hood}, "red")`)).toBe('Little ');
    expect(shown(`TEXTBEFORE(${hood}, "Red")`)).toBe('#N/A');
    expect(shown(`TEXTBEFORE(${hood}, "red", 2)`)).toBe("Little red riding hood's ");
    expect(shown(`TEXTBEFORE(${hood}, "red", -2)`)).toBe('Little ');
    expect(shown(`TEXTBEFORE(${hood}, "Red", , 1)`)).toBe('Little ');
    expect(shown(`TEXTBEFORE(${hood}, "red", 3)`)).toBe('#N/A');
    expect(shown('TEXTBEFORE("Marcus Aurelius", " ", , , 1)')).toBe('Marcus');
    expect(shown('TEXTBEFORE("Socrates", " ", , , 0)')).toBe('#N/A');
    expect(shown('TEXTBEFORE("Socrates", " ", , , 1)')).toBe('Socrates');
    expect(shown('TEXTBEFORE("abc", "")')).toBe('');
    expect(shown('TEXTBEFORE("abc", "", -1)')).toBe('abc');
    expect(shown(`TEXTAFTER(${hood}, "hood")`)).toBe("'s red hood");
    expect(shown(`TEXTAFTER(${hood}, "HOOD", 1, 1)`)).toBe("'s red hood");
    expect(shown(`TEXTAFTER(${hood}, "basket", 1, 0, 0, "not found")`)).toBe('not found');
    expect(shown(`TEXTAFTER(${hood}, "red", -1)`)).toBe(' hood');
    expect(shown('TEXTAFTER("abc", "")')).toBe('abc');
    expect(shown('TEXTAFTER("abc", "", -1)')).toBe('');
    expect(shown('TEXTAFTER("Socrates", " ", -1, 0, 1)')).toBe('Socrates');
  });

  test('an instance of 0, or beyond the length of the text, is #VALUE!; left empty, it is the first; an empty text gives an empty text', async () => {
    expect(shown('TEXTBEFORE("a-b", "-", 0)')).toBe('#VALUE!');
    expect(shown('TEXTBEFORE("a-b", "-", 4)')).toBe('#VALUE!');
    expect(shown('TEXTBEFORE("a-b", "-", 3)')).toBe('#N/A');
    expect(shown('TEXTBEFORE("", "-")')).toBe('');
    expect(shown('TEXTAFTER("a-b", "-", 1, 2)')).toBe('#VALUE!');
    expect(shown('TEXTAFTER(1/0, "-", 1, 0, 0, "x")')).toBe('#DIV/0!');
    expect(await differences('TEXTBEFORE($0, "-", $1)', [{ values: ['a-b-c', null] }, { values: ['a-b-c', 2] }])).toEqual([]);
    expect(shown('TEXTAFTER("a-b", "-", 1, 0, 0, 1/0)')).toBe('b');
    expect(shown('TEXTAFTER("a-b", "+", 1, 0, 0, 1/0)')).toBe('#DIV/0!');
  });
});

describe('LEFT and RIGHT', () => {
  test('huge counts take the whole text in both forms', async () => {
    expect(await differences('LEFT($0, $1)', [{ values: ['abc', 1e20] }, { values: ['abc', 1e10] }, { values: ['abc', -1e20] }])).toEqual([]);
    expect(await differences('RIGHT($0, $1)', [{ values: ['abc', 1e20] }, { values: ['abc', 1e10] }, { values: ['abc', -1e20] }])).toEqual([]);
  });
});
