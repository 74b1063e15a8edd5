import { describe, expect, test } from 'vitest';
import { END, passes, renderReport, START, withReport } from './conformance-report';

describe('the conformance report', () => {
  const results = [
    { category: 'TEXT', file: 'A.xlsx', agreeing: 3, total: 3 },
    { category: 'TEXT', file: 'B.xlsx', agreeing: 1, total: 4 },
    { category: 'LOGICAL', file: 'C.xlsx', agreeing: 0, total: 0 },
  ];

  test('counts cells and fully agreeing files overall and per category; a file with no formulas does not count as passing', () => {
    const report = renderReport(results);
    expect(report).toContain('**4 of 7** formula cells agree with Excel (57.1%); 1 of 3 files agree fully.');
    expect(report).toContain('| TEXT | 1 / 2 | 4 / 7 | 57.1% |');
    expect(passes(results[2]!)).toBe(false);
  });

  test('the section goes at the end of the doc the first time and replaces itself between the markers after', () => {
    const first = withReport('# Formula reference\n\ntext\n', 'table one');
    expect(first.startsWith('# Formula reference\n\ntext\n\n' + START)).toBe(true);
    expect(first.trimEnd().endsWith(`table one\n${END}`)).toBe(true);
    const second = withReport(first, 'table two');
    expect(second).toBe(first.replace('table one', 'table two'));
  });
});
