import { describe, expect, it } from 'vitest';
import { chartNameFor, namedAfterSource } from './suggest';

describe('a chart name follows its source', () => {
  it('a chart made from flights_3m was named after the block before it: a name given after the old source is replaced', () => {
    expect(chartNameFor('flights_3m')).toBe('flights_3m_chart');
    expect(namedAfterSource('sheet1_chart', 'sheet1')).toBe(true);
    expect(namedAfterSource('Sheet1_Chart_2', 'sheet1')).toBe(true);
  });

  it('keeps a name a person chose', () => {
    expect(namedAfterSource('delay_chart', 'sheet1')).toBe(false);
    expect(namedAfterSource('sheet1_chart_x', 'sheet1')).toBe(false);
    expect(namedAfterSource('sheet1_chart', 'sheet')).toBe(false);
  });
});
