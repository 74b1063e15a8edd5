import { describe, expect, test } from 'vitest';
import { isFormulaError } from '../../../errors';
import { allFunctions } from '../../index';
import { constantResult, scalarResult } from '../../../testing/differential';
import { displayValue, type Scalar } from '../../../values';

const shown = (v: Scalar) => (isFormulaError(v) ? v.code : displayValue(v));

describe('the reference examples', () => {
  test('every statistics function’s example shows its result in both forms', async () => {
    for (const spec of allFunctions().filter((s) => s.category === 'statistics')) {
      const formula = spec.example.formula.slice(1);
      expect(shown(scalarResult(formula, {})), spec.name).toBe(spec.example.result);
      // Array constants cannot run in SQL; functions without a SQL form say 'no-sql'.
      const sql = await constantResult(formula, {});
      if (sql !== 'no-sql') expect(shown(sql), spec.name).toBe(spec.example.result);
    }
  }, 600_000);
});
