import { describe, expect, test } from 'vitest';
import { nextName, tableNameFromFile, tableNameFromUrl, uniqueName } from './names';

describe('tableNameFromFile', () => {
  test('drops the extension', () => {
    expect(tableNameFromFile('flights.parquet')).toBe('flights');
    expect(tableNameFromFile('seattle-weather.csv')).toBe('seattle_weather');
  });

  test('drops only the last extension', () => {
    expect(tableNameFromFile('archive.tar.gz')).toBe('archive_tar');
  });

  test('replaces every character outside [A-Za-z0-9_] with an underscore', () => {
    expect(tableNameFromFile('flights-3m.parquet')).toBe('flights_3m');
    expect(tableNameFromFile('sales 2024 (final).csv')).toBe('sales_2024__final_');
    expect(tableNameFromFile('données.csv')).toBe('donn_es');
    expect(tableNameFromFile(`a"b; DROP TABLE x; --.csv`)).toBe('a_b__DROP_TABLE_x____');
    expect(tableNameFromFile('Mixed_Case_09.json')).toBe('Mixed_Case_09');
  });

  test('uses only the last path segment, with either slash', () => {
    expect(tableNameFromFile('/home/me/data/trips.csv')).toBe('trips');
    expect(tableNameFromFile('C:\\Users\\me\\trips.csv')).toBe('trips');
  });

  test('keeps a leading dot as part of the name (a dotfile has no extension)', () => {
    expect(tableNameFromFile('.hidden')).toBe('_hidden');
  });

  test('keeps a name that has no extension', () => {
    expect(tableNameFromFile('README')).toBe('README');
  });

  test('falls back to "table" when nothing is left', () => {
    expect(tableNameFromFile('')).toBe('table');
  });
});

describe('tableNameFromUrl', () => {
  test('names the table after the last path segment, without its extension', () => {
    expect(tableNameFromUrl('https://example.com/data/flights-3m.parquet')).toBe('flights_3m');
  });

  test('ignores the query string and the fragment', () => {
    expect(tableNameFromUrl('https://example.com/exports/trips.csv?token=abc.def&x=1#part.2')).toBe('trips');
  });

  test('decodes percent-escapes before replacing characters', () => {
    expect(tableNameFromUrl('https://example.com/my%20data.csv')).toBe('my_data');
  });

  test('skips a trailing slash', () => {
    expect(tableNameFromUrl('https://example.com/datasets/weather/')).toBe('weather');
  });

  test('falls back to "table" for a URL with no path', () => {
    expect(tableNameFromUrl('https://example.com/')).toBe('table');
    expect(tableNameFromUrl('https://example.com')).toBe('table');
  });

  test('falls back to "table" for text that is not a URL', () => {
    expect(tableNameFromUrl('not a url')).toBe('table');
    expect(tableNameFromUrl('')).toBe('table');
  });
});

describe('uniqueName', () => {
  test('returns the base name when it is free', () => {
    expect(uniqueName('flights', [])).toBe('flights');
    expect(uniqueName('flights', ['weather'])).toBe('flights');
  });

  test('appends _2 when the base name is taken', () => {
    expect(uniqueName('flights', ['flights'])).toBe('flights_2');
  });

  test('counts on to _3, _4 … past the suffixes already taken', () => {
    expect(uniqueName('flights', ['flights', 'flights_2'])).toBe('flights_3');
    expect(uniqueName('flights', ['flights', 'flights_2', 'flights_3'])).toBe('flights_4');
  });

  test('fills the first free suffix rather than the one after the highest', () => {
    expect(uniqueName('flights', ['flights', 'flights_3'])).toBe('flights_2');
  });

  test('compares case-insensitively, as DuckDB does', () => {
    expect(uniqueName('flights', ['FLIGHTS'])).toBe('flights_2');
    expect(uniqueName('Flights', ['flights', 'FLIGHTS_2'])).toBe('Flights_3');
  });

  test('keeps the casing of the base name it was given', () => {
    expect(uniqueName('Weather', ['other'])).toBe('Weather');
    expect(uniqueName('Weather', ['weather'])).toBe('Weather_2');
  });

  test('accepts any iterable of taken names', () => {
    expect(uniqueName('t', new Set(['t']))).toBe('t_2');
    expect(uniqueName('t', new Map([['t', 1]]).keys())).toBe('t_2');
  });
});

describe('nextName', () => {
  test('starts at 1', () => {
    expect(nextName('query', [])).toBe('query1');
  });

  test('takes the lowest number that is free', () => {
    expect(nextName('query', ['query1', 'query2'])).toBe('query3');
    expect(nextName('query', ['query2'])).toBe('query1');
  });

  test('compares case-insensitively', () => {
    expect(nextName('query', ['QUERY1', 'Query2'])).toBe('query3');
  });

  test('is not confused by names that merely share the prefix', () => {
    expect(nextName('query', ['query', 'query_1', 'queryA'])).toBe('query1');
  });
});
