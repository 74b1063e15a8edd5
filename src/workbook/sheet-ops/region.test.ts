import { describe, expect, it } from 'vitest';
import { currentRegion } from './region';

const filledIn = (...keys: string[]) => (k: string) => keys.includes(k);

describe('currentRegion', () => {
  it('grows from a cell to the block of filled cells around it, corners included', () => {
    const filled = filledIn('A1', 'B1', 'A2', 'B2', 'C3', 'E5');
    expect(currentRegion(0, 0, filled)).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
  });

  it('is the cell itself when nothing is around it', () => {
    expect(currentRegion(4, 4, filledIn())).toEqual({ top: 4, left: 4, bottom: 4, right: 4 });
  });
});
