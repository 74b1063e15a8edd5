import type { ReadOptions } from '../engine';
import type { TableBlock } from '../workbook';

/** `b` with `options` merged in: text columns add up, an encoding replaces the one before. */
export function withReadOptions(b: TableBlock, options: ReadOptions): TableBlock {
  const textColumns = [...new Set([...(b.textColumns ?? []), ...(options.textColumns ?? [])])];
  return {
    ...b,
    ...(options.lenient ? { lenient: true } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(textColumns.length ? { textColumns } : {}),
  };
}
