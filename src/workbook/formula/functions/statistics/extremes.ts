/** MIN and MAX, and the A forms MINA, MAXA and AVERAGEA. */
import { statistic, type Statistic } from './statistic';
import { largest, perArgument, smallest, sum, total } from './shared';

/** MIN and MAX (and the A forms) in SQL: the least or greatest of each argument's, 0 when none. */
function extreme(kind: 'min' | 'max'): Statistic['sql'] {
  return (args, read) => {
    const { parts, err } = perArgument(args, read, (x) => `${kind}(${x})`, (v) => v);
    const fold = parts.length === 1 ? parts[0]! : `${kind === 'min' ? 'least' : 'greatest'}(${parts.join(', ')})`;
    return { value: `COALESCE(${fold}, 0)`, err };
  };
}

export const MIN = statistic({
  name: 'MIN',
  summary: 'The smallest number (0 when there are none; text and TRUE/FALSE in ranges are skipped).',
  example: { formula: '=MIN(4, 2, 9)', result: '2' },
  scalar: smallest,
  sql: extreme('min'),
});

export const MAX = statistic({
  name: 'MAX',
  summary: 'The largest number (0 when there are none; text and TRUE/FALSE in ranges are skipped).',
  example: { formula: '=MAX(4, 2, 9)', result: '9' },
  scalar: largest,
  sql: extreme('max'),
});

const A_NOTE = 'In ranges, text counts as 0 and TRUE/FALSE as 1/0; empty cells are skipped.';

/** What MINA and MAXA share. */
function aForm(name: 'MINA' | 'MAXA', which: string): Pick<Statistic, 'name' | 'summary' | 'example' | 'notes' | 'a'> {
  return {
    name,
    summary: `The ${which} value, counting text in ranges as 0 and TRUE as 1 (0 when there are none).`,
    example: name === 'MINA' ? { formula: '=MINA(4, FALSE, 9)', result: '0' } : { formula: '=MAXA(-2, TRUE, -5)', result: '1' },
    notes: A_NOTE,
    a: true,
  };
}

export const MINA = statistic({ ...aForm('MINA', 'smallest'), scalar: smallest, sql: extreme('min') });
export const MAXA = statistic({ ...aForm('MAXA', 'largest'), scalar: largest, sql: extreme('max') });

export const AVERAGEA = statistic({
  name: 'AVERAGEA',
  summary: 'The mean of the values, counting text in ranges as 0 and TRUE as 1.',
  example: { formula: '=AVERAGEA(2, TRUE, 3)', result: '2' },
  notes: A_NOTE,
  a: true,
  least: { count: 1, code: '#DIV/0!' },
  overflows: true,
  scalar: (xs) => sum(xs) / xs.length,
  sql(args, read) {
    const sums = perArgument(args, read, (x) => `sum(${x})`, (v) => v);
    const count = total(perArgument(args, read, (x) => `count(${x})`, () => '1').parts);
    return { value: `${total(sums.parts)} / ${count}`, count, err: sums.err };
  },
});
