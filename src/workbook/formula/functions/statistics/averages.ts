/** AVERAGE, MEDIAN, MODE.SNGL and GEOMEAN. */
import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, errWhen, num, rangeErr, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange } from '../../sql/types';
import { numbersOf, sqlNumberStat } from '../helpers';
import { perArgument, sqlNumbers, sum, total } from './shared';

export const AVERAGE: FunctionSpec = {
  name: 'AVERAGE',
  category: 'statistics',
  summary: 'The mean of the numbers (empty cells and text in ranges are skipped; zeros count).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=AVERAGE(2, 4, 9)', result: '5' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0) return new FormulaError('#DIV/0!', 'AVERAGE of no numbers.');
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  },
  sql(args) {
    if (args.length === 1 && isSqlRange(args[0])) return sqlNumberStat(args, { column: (x) => `avg(${x})`, list: (l) => `list_avg(${l})` }, { code: 'divide' });
    // Sums and counts per part: a list of every value would be built again on each row of a column formula.
    const sums: string[] = [];
    const counts: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        const x = rangeNumbers(a.columns[0]!);
        sums.push(`COALESCE(${aggregate(a, `sum(${x})`)}, 0)`);
        counts.push(aggregate(a, `count(${x})`));
        errs.push(rangeErr(a));
      } else if (a.type === 'empty') {
        errs.push(a.err);
      } else {
        const n = num(a);
        sums.push(n.sql);
        counts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN 0 ELSE 1 END` : '1');
        errs.push(n.err);
      }
    }
    const count = counts.length ? `(${counts.join(' + ')})` : '0';
    const total = sums.length ? `(${sums.join(' + ')})` : '0';
    return result(`CASE WHEN ${count} = 0 THEN NULL ELSE ${total} / ${count} END`, 'number', [...errs, errWhen(`${count} = 0`, '#DIV/0!')]);
  },
};

export const MEDIAN: FunctionSpec = {
  name: 'MEDIAN',
  category: 'statistics',
  summary: 'The middle number (the mean of the two middle ones for an even count).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=MEDIAN(1, 2, 3, 10)', result: '2.5' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0) return new FormulaError('#NUM!', 'MEDIAN of no numbers.');
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  },
  sql: (args) => sqlNumberStat(args, { column: (x) => `median(${x})`, list: (l) => `list_aggregate(${l}, 'median')` }, { code: 'num' }),
};

/** The most frequent number; on ties the one that appears first; undefined when none repeats. */
function modeOf(xs: number[]): number | undefined {
  // A Map keeps its keys in first-appearance order, so the first of equally frequent ones wins.
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: number | undefined;
  let most = 1;
  for (const [x, c] of counts) {
    if (c > most) [best, most] = [x, c];
  }
  return best;
}

export const MODE_SNGL: FunctionSpec = {
  name: 'MODE.SNGL',
  category: 'statistics',
  summary: 'The most frequent number; #N/A when no number repeats.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'When several numbers are equally frequent, the one that appears first (in argument and row order) wins, as in Excel.',
  example: { formula: '=MODE.SNGL(1, 2, 2, 3)', result: '2' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return modeOf(xs) ?? new FormulaError('#N/A', 'MODE: no number appears more than once.');
  },
  sql(args) {
    const n = sqlNumbers(args, rangeNumbers, true);
    let value: string;
    let repeats: string;
    if (n.column) {
      const { range, x } = n.column;
      // DuckDB's mode() breaks ties by first appearance, so the rows go to it in their order.
      const order = range.ordered ? ` ORDER BY ${range.alias}.rowid` : '';
      value = aggregate(range, `mode(${x}${order}) FILTER (WHERE ${x} IS NOT NULL)`);
      repeats = aggregate(range, `count(${x}) > count(DISTINCT ${x})`);
    } else {
      value = `list_aggregate(${n.list}, 'mode')`;
      repeats = `len(list_distinct(${n.list})) < len(${n.list})`;
    }
    return result(value, 'number', [n.err, errWhen(`NOT ${repeats}`, '#N/A')]);
  },
};

export const GEOMEAN: FunctionSpec = {
  name: 'GEOMEAN',
  category: 'statistics',
  summary: 'The geometric mean of positive numbers: the n-th root of their product.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'A number that is 0 or negative, or no numbers at all, is #NUM!.',
  example: { formula: '=GEOMEAN(2, 8)', result: '4' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0 || xs.some((x) => x <= 0)) return new FormulaError('#NUM!', 'GEOMEAN needs positive numbers.');
    // Through logarithms, so the product cannot overflow.
    return Math.exp(sum(xs.map(Math.log)) / xs.length);
  },
  sql(args) {
    // Per argument, so that a range is never copied into a list on each row of a column formula.
    const logs = perArgument(args, rangeNumbers, (x) => `sum(ln(CASE WHEN ${x} > 0 THEN ${x} END))`, (v) => `ln(CASE WHEN ${v} > 0 THEN ${v} END)`);
    const count = total(perArgument(args, rangeNumbers, (x) => `count(${x})`, () => '1').parts);
    const nonPositive = total(perArgument(args, rangeNumbers, (x) => `count(*) FILTER (WHERE ${x} <= 0)`, (v) => `CASE WHEN ${v} <= 0 THEN 1 ELSE 0 END`).parts);
    const bad = `${count} = 0 OR ${nonPositive} > 0`;
    return result(`exp(${total(logs.parts)} / ${count})`, 'number', [logs.err, errWhen(bad, '#NUM!')]);
  },
};
