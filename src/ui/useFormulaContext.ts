import { useMemo } from 'react';
import { useWorkbook } from '../state';
import type { BlockId } from '../workbook';
import type { CompletionContext } from '../workbook/formula/complete';

/**
 * What a formula may name, for the formula editor's completion: the own block's columns as
 * `[col]`, every other table-like block with its columns, and named cells. Selected as text so
 * editors update only when a name changes, not on every run.
 */
export function useFormulaContext(own?: BlockId, sheet = false): CompletionContext {
  const json = useWorkbook((s) => {
    const tables: Record<string, string[]> = {};
    const cells: string[] = [];
    let columns: string[] = [];
    for (const b of s.doc.blocks) {
      const names = (s.runs[b.id]?.columns ?? []).map((c) => c.name);
      if (b.kind === 'cell') cells.push(b.name);
      else if (b.id === own) columns = names;
      else tables[b.name] = names;
    }
    return JSON.stringify({ columns, tables, cells, sheet });
  });
  return useMemo(() => JSON.parse(json) as CompletionContext, [json]);
}
