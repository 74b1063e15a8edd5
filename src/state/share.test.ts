import { describe, expect, it } from 'vitest';
import type { BlockId } from '../workbook';
import { missingFileMessage } from './share';

describe('missingFileMessage', () => {
  const missing = {
    blockId: 'b' as BlockId,
    rows: 3_000_000,
    columns: [
      { name: 'origin', type: 'VARCHAR' },
      { name: 'delay', type: 'SMALLINT' },
      { name: 'status', type: 'VARCHAR' },
    ],
  };

  it('a link whose file was left out listed a formula column (status VARCHAR) among the file columns to drop again', () => {
    const formulaColumns = [{ name: 'Status', formula: '=IF([delay]>60, "late", "on time")' }];
    const message = missingFileMessage('flights-3m.parquet', missing, formulaColumns);
    expect(message).toBe('flights-3m.parquet is not in this browser: drop it again to load this table. It had 3,000,000 rows, 2 columns: origin VARCHAR, delay SMALLINT.');
  });

  it('lists every column of a table without formula columns', () => {
    expect(missingFileMessage('f.csv', missing)).toContain('3 columns: origin VARCHAR, delay SMALLINT, status VARCHAR.');
  });
});
