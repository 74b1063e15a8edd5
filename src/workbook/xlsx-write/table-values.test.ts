import { describe, expect, test } from 'vitest';
import { cellText, cellXml, MAX_CELL_TEXT } from './cell-xml';
import { excelSerial, isoMs } from './excel-dates';
import { toFileValue } from './sheet-part';
import { columnKind, tableValue } from './table-values';
import { writeXlsx } from './write-xlsx';

describe('table values as Excel holds them', () => {
  test('DuckDB types map to kinds', () => {
    expect(['DATE', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_NS', 'TIME', 'DECIMAL(18,3)', 'HUGEINT', 'DOUBLE', 'VARCHAR', 'INTEGER[]'].map(columnKind)).toEqual([
      'date',
      'timestamp',
      'timestamp',
      'time',
      'number',
      'number',
      'number',
      'other',
      'other',
    ]);
  });

  test('bigints are numbers when exact, text otherwise', () => {
    expect(tableValue(42n, 'number')).toEqual({ t: 'n', v: 42 });
    expect(tableValue(2n ** 60n, 'number')).toEqual({ t: 's', v: '1152921504606846976' });
  });

  test('decimals given as text are numbers unless a digit would be lost', () => {
    expect(tableValue('123.450', 'number')).toEqual({ t: 'n', v: 123.45 });
    expect(tableValue('123456789012345678901', 'number')).toEqual({ t: 's', v: '123456789012345678901' });
    expect(tableValue('12', 'other')).toEqual({ t: 's', v: '12' });
  });

  test('dates and timestamps become serials, from a Date, ms or ISO text', () => {
    const ms = Date.UTC(2024, 2, 15, 12);
    expect(tableValue(ms, 'timestamp')).toEqual({ t: 'n', v: 45366.5 });
    expect(tableValue(new Date(ms), 'timestamp')).toEqual({ t: 'n', v: 45366.5 });
    expect(tableValue(ms, 'date')).toEqual({ t: 'n', v: 45366 });
    expect(tableValue('2024-03-15', 'date')).toEqual({ t: 'n', v: 45366 });
    expect(tableValue(Date.UTC(1850, 0, 1), 'date')).toEqual({ t: 's', v: '1850-01-01' });
    expect(tableValue(Date.UTC(1850, 0, 1, 6), 'timestamp')).toEqual({ t: 's', v: '1850-01-01T06:00:00.000Z' });
  });

  test('times are fractions of a day, from ms or µs', () => {
    expect(tableValue(43_200_000, 'time')).toEqual({ t: 'n', v: 0.5 });
    expect(tableValue(21_600_000_000n, 'time')).toEqual({ t: 'n', v: 0.25 });
  });

  test('NaN and infinities are #NUM!, nested values JSON, null no cell', () => {
    expect(tableValue(Number.NaN, 'number')).toEqual({ t: 'e', v: '#NUM!' });
    expect(tableValue(Number.POSITIVE_INFINITY, 'number')).toEqual({ t: 'e', v: '#NUM!' });
    expect(tableValue({ a: [1, 2n] }, 'other')).toEqual({ t: 's', v: '{"a":[1,"2"]}' });
    expect(tableValue(null, 'number')).toBeUndefined();
  });
});

describe('Excel dates', () => {
  test('serials count the 29 February 1900 Excel believes in', () => {
    expect(excelSerial(Date.UTC(1900, 0, 1))).toBe(1);
    expect(excelSerial(Date.UTC(1900, 1, 28))).toBe(59);
    expect(excelSerial(Date.UTC(1900, 2, 1))).toBe(61);
    expect(excelSerial(Date.UTC(1899, 11, 31))).toBeUndefined();
  });
  test('ISO text is read as UTC, years before 100 included', () => {
    expect(isoMs('2024-03-15T10:30:00')).toBe(Date.UTC(2024, 2, 15, 10, 30));
    expect(isoMs('0050-01-01')).toBeLessThan(Date.UTC(1000, 0, 1));
    expect(isoMs('15/03/2024')).toBeUndefined();
    expect(toFileValue({ type: 'date', value: 'not a date' })).toEqual({ t: 's', v: 'not a date' });
  });
});

describe('cells', () => {
  test('text past Excel’s 32,767 characters is cut, never inside a surrogate pair', () => {
    expect(cellText('x'.repeat(40_000))).toHaveLength(MAX_CELL_TEXT);
    expect(cellText(`${'x'.repeat(MAX_CELL_TEXT - 1)}😀`)).toHaveLength(MAX_CELL_TEXT - 1);
  });
  test('XML special and forbidden characters are escaped or dropped', () => {
    expect(cellXml('A1', { t: 's', v: 'a<b & "c"\u0001' }, 0)).toBe('<c r="A1" t="inlineStr"><is><t xml:space="preserve">a&lt;b &amp; &quot;c&quot;</t></is></c>');
    expect(cellXml('A1', { t: 'e', v: '#ERROR!' }, 0)).toBe('<c r="A1" t="e"><v>#VALUE!</v></c>');
  });
});

describe('the rows of a cut table', () => {
  test('stop being read once Excel’s last row is reached', async () => {
    let made = 0;
    let closed = false;
    async function* rows() {
      try {
        for (;;) yield [[made++]];
      } finally {
        closed = true;
      }
    }
    const result = await writeXlsx([{ kind: 'table', name: 't', columns: [{ name: 'n', type: 'INTEGER' }], rows: rows(), totalRows: 1000 }], { write: () => undefined }, { maxDataRows: 3 });
    expect(result.truncated).toEqual([{ name: 't', rows: 1000 }]);
    expect(made).toBe(4);
    expect(closed).toBe(true);
  });

  test('an abort stops the export with the reason', async () => {
    const controller = new AbortController();
    async function* rows() {
      for (let i = 0; ; i++) {
        if (i === 10) controller.abort(new Error('the person cancelled'));
        yield Array.from({ length: 5000 }, () => ['x'.repeat(20)]);
      }
    }
    await expect(
      writeXlsx([{ kind: 'table', name: 't', columns: [{ name: 's', type: 'VARCHAR' }], rows: rows(), totalRows: 1e9 }], { write: () => undefined }, { signal: controller.signal }),
    ).rejects.toThrow('the person cancelled');
  });
});
