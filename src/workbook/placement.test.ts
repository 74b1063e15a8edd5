import { describe, expect, it } from 'vitest';
import { placeBlock, PlacementError, type PlacedInput } from './placement';

const local = (name: string, rows: number): PlacedInput => ({ name, browser: 'full', server: false, rows });
const remote = (name: string, rows: number): PlacedInput => ({ name, browser: 'none', server: true, rows });
const both = (name: string, rows: number): PlacedInput => ({ name, browser: 'full', server: true, rows });
const partial = (name: string, rows: number): PlacedInput => ({ name, browser: 'partial', server: true, rows });

describe('placeBlock', () => {
  it('runs everything in the browser when no server is connected, and says so for a block that asks for the server', () => {
    expect(placeBlock('auto', [local('a', 10)], false)).toEqual({ side: 'browser', push: [], pull: [] });
    expect(() => placeBlock('server', [], false)).toThrow(PlacementError);
  });

  it('auto runs where the inputs live', () => {
    expect(placeBlock('auto', [local('a', 10), both('b', 5)], true)).toEqual({ side: 'browser', push: [], pull: [] });
    expect(placeBlock('auto', [remote('big', 1e8), both('b', 5)], true)).toEqual({ side: 'server', push: [], pull: [] });
    expect(placeBlock('auto', [], true).side).toBe('browser');
  });

  it('auto moves the smaller side when inputs live on both', () => {
    // A 100M-row server table joined with a 1,000-row local one: the local one goes up.
    expect(placeBlock('auto', [remote('flights', 1e8), local('airports', 1000)], true)).toEqual({ side: 'server', push: ['airports'], pull: [] });
    // A small server result joined with a big local file: the server result comes down.
    expect(placeBlock('auto', [remote('codes', 50), local('flights_3m', 3e6)], true)).toEqual({ side: 'browser', push: [], pull: ['codes'] });
  });

  it('never computes on a partial copy: a server result only partly in the browser is read on the server', () => {
    expect(placeBlock('auto', [partial('q1', 1e8), local('small', 10)], true)).toEqual({ side: 'server', push: ['small'], pull: [] });
    expect(() => placeBlock('browser', [partial('q1', 1e8)], true)).toThrow('q1 is on the server, and only its first rows are in the browser');
  });

  it('an explicit side moves what it lacks', () => {
    expect(placeBlock('server', [local('a', 10), both('b', 1)], true)).toEqual({ side: 'server', push: ['a'], pull: [] });
    expect(placeBlock('browser', [remote('r', 10)], true)).toEqual({ side: 'browser', push: [], pull: ['r'] });
  });
});
