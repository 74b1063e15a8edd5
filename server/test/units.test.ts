import { describe, expect, it } from 'vitest';
import { errorTail } from '../arrow/encoder.js';
import { ValidityBuilder } from '../arrow/validity.js';
import { parseBytes, parseConfig, parseDuration } from '../config.js';
import { ApiError, toApiError } from '../errors.js';
import { splitQueryBody } from '../../protocol/index.js';
import { sanitizeTableName } from '../sql.js';

describe('config', () => {
  it('takes flags over environment over defaults', () => {
    const config = parseConfig(['--port', '0', '--max-result=1MB'], { CELLAR_PORT: '9999', CELLAR_MEMORY_LIMIT: '2GB', UV_THREADPOOL_SIZE: '9' }, '/srv');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      dataDir: '/srv/cellar-data',
      memoryLimit: '2GB',
      maxResultBytes: 1_000_000,
      maxUploadBytes: 10_000_000_000,
      statementTimeoutMs: 60_000,
      connections: 8,
    });
  });

  it('reads sizes and durations, and refuses what it cannot read', () => {
    expect(parseBytes('512MB')).toBe(512e6);
    expect(parseBytes('1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(parseBytes('100')).toBe(100);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('60')).toBe(60_000);
    expect(() => parseConfig(['--memory-limit', "1GB'; SET x=1; --"], {}, '/')).toThrow(/Not a memory limit/);
    expect(() => parseConfig(['--nope', '1'], {}, '/')).toThrow(/Unknown argument/);
    expect(() => parseConfig(['--port', '70000'], {}, '/')).toThrow(/--port/);
  });
});

describe('table names', () => {
  it('are sanitised like dropped files, and anything like a path is refused', () => {
    expect(sanitizeTableName('flights-3m')).toBe('flights_3m');
    expect(sanitizeTableName('my table')).toBe('my_table');
    for (const bad of ['../etc/passwd', '..', 'a/b', 'a\\b', 'x\0', '', '___', '-']) expect(sanitizeTableName(bad), bad).toBeNull();
  });
});

describe('errors', () => {
  it("keeps DuckDB's words and sorts them into kinds", () => {
    const kind = (message: string) => toApiError(new Error(message)).kind;
    expect(kind('Parser Error: syntax error at or near "SELEC"')).toBe('sql');
    expect(kind('Failed to extract statements: Parser Error: x')).toBe('sql');
    expect(toApiError(new Error('Failed to extract statements: Parser Error: x')).message).toBe('Parser Error: x');
    expect(kind('Permission Error: Cannot access file "/etc/passwd"')).toBe('forbidden');
    expect(kind('Out of Memory Error: failed to allocate data of size 16.0 MiB')).toBe('out-of-memory');
    expect(kind('INTERRUPT Error: Interrupted!')).toBe('cancelled');
    expect(kind('something else entirely')).toBe('internal');
  });

  it('says why the server stopped a query, whatever DuckDB threw', () => {
    const interrupted = new Error('INTERRUPT Error: Interrupted!');
    expect(toApiError(interrupted, 'timeout', 60_000).message).toMatch(/statement timeout \(60 s\)/);
    expect(toApiError(interrupted, 'timeout', 1500).message).toMatch(/\(1500 ms\)/);
    expect(toApiError(new ApiError('cancelled', 'stopped'), 'timeout').kind).toBe('timeout');
    expect(toApiError(interrupted, 'too-large').kind).toBe('too-large');
    expect(toApiError(interrupted, 'cancelled').kind).toBe('cancelled');
  });
});

describe('the error tail of a query answer', () => {
  it('splits off and decodes, and leaves a plain Arrow stream alone', () => {
    const arrow = Uint8Array.from([1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(splitQueryBody(arrow)).toEqual({ arrow, error: null });
    const body = new Uint8Array(Buffer.concat([arrow.subarray(0, 3), errorTail({ error: { kind: 'timeout', message: 'ünïcode' } })]));
    const split = splitQueryBody(body);
    expect(split.error).toEqual({ kind: 'timeout', message: 'ünïcode' });
    expect([...split.arrow]).toEqual([1, 2, 3]);
  });
});

describe('validity bitmaps', () => {
  const bitsOf = (v: ValidityBuilder) => {
    const { nullBitmap, nullCount } = v.take();
    return { nullCount, bits: nullBitmap ? [...nullBitmap].map((b) => b.toString(2).padStart(8, '0').split('').reverse().join('')).join('') : null };
  };

  it('an all-valid append at an unaligned position keeps the nulls before it', () => {
    const v = new ValidityBuilder();
    v.append(Uint8Array.of(0b010), { start: 0, count: 3, indices: null }); // valid: no, yes, no
    v.append(null, { start: 0, count: 2, indices: null });
    expect(bitsOf(v)).toEqual({ nullCount: 2, bits: '01011000' });
  });

  it('copies aligned masks by the byte and gathers selected rows bit by bit', () => {
    const v = new ValidityBuilder();
    v.append(Uint8Array.of(0xff, 0b1), { start: 0, count: 10, indices: null });
    v.append(Uint8Array.of(0b1010), { start: 0, count: 2, indices: Int32Array.of(3, 0) });
    expect(bitsOf(v)).toEqual({ nullCount: 2, bits: '1111111110' + '10' + '0000' });
  });
});
