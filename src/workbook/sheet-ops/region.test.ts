import { describe, expect, it } from 'vitest';
import { currentRegion } from './region';

const filledIn = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, 'x']));

describe('currentRegion', () => {
  it('grows from a cell to the block of filled cells around it, corners included', () => {
    expect(currentRegion(0, 0, filledIn('A1', 'B1', 'A2', 'B2', 'C3', 'E5'))).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
  });

  it('grows from an empty cell next to a block, and upwards and left too', () => {
    expect(currentRegion(3, 3, filledIn('B2', 'C3', 'A1'))).toEqual({ top: 0, left: 0, bottom: 3, right: 3 });
  });

  it('is the cell itself when nothing is around it, and ignores cleared cells', () => {
    expect(currentRegion(4, 4, { F6: '' })).toEqual({ top: 4, left: 4, bottom: 4, right: 4 });
  });

  it('finds the region of a long column', () => {
    const cells = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`A${i + 1}`, String(i)]));
    expect(currentRegion(0, 0, cells)).toEqual({ top: 0, left: 0, bottom: 19_999, right: 0 });
  });
});
