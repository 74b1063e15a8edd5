import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import type { RangeValue } from '../../values';
import { arrayArg, build, sizeProblem } from './shape';

// HSTACK and VSTACK: arrays side by side or one under another, short ones padded with #N/A.

function stack(name: 'HSTACK' | 'VSTACK'): FunctionSpec {
  const across = name === 'HSTACK';
  return {
    name,
    category: 'array',
    summary: across
      ? 'Arrays side by side, left to right; a shorter one is padded with #N/A below.'
      : 'Arrays one under another, top to bottom; a narrower one is padded with #N/A on the right.',
    params: [{ name: 'array', kind: 'range' }],
    repeat: 1,
    example: across ? { formula: '=COLUMNS(HSTACK({1,2}, {3;4}))', result: '3' } : { formula: '=ROWS(VSTACK({1,2}, {3;4}))', result: '3' },
    scalar(args) {
      const parts: RangeValue[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = arrayArg(args, i);
        if (isFormulaError(a)) return a;
        parts.push(a);
      }
      const rows = across ? Math.max(...parts.map((p) => p.rows)) : parts.reduce((s, p) => s + p.rows, 0);
      const cols = across ? parts.reduce((s, p) => s + p.cols, 0) : Math.max(...parts.map((p) => p.cols));
      const problem = sizeProblem(name, rows, cols);
      if (problem) return problem;
      // Where each position comes from: the part and its offset along the stacking direction.
      const owner: { part: RangeValue; offset: number }[] = [];
      for (const part of parts) for (let k = 0; k < (across ? part.cols : part.rows); k++) owner.push({ part, offset: k });
      const pad = new FormulaError('#N/A', `${name}: a cell added to fill a shorter array.`);
      return build(rows, cols, (r, c) => {
        const { part, offset } = owner[across ? c : r]!;
        const [pr, pc] = across ? [r, offset] : [offset, c];
        return pr < part.rows && pc < part.cols ? part.at(pr, pc) : pad;
      });
    },
  };
}

export const HSTACK = stack('HSTACK');
export const VSTACK = stack('VSTACK');
