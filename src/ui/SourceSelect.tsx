import { useShallow } from 'zustand/react/shallow';
import { useWorkbook } from '../state';
import { isRelationBlock, type BlockId } from '../workbook';

/** "of <block>": which block a pivot or chart reads; any block with a table but the reader itself. */
export function SourceSelect({ self, source, testId, onChange }: { self: BlockId; source: BlockId; testId: string; onChange(source: BlockId): void }) {
  const sources = useWorkbook(useShallow((s) => s.doc.blocks.filter((b) => isRelationBlock(b) && b.id !== self).map((b) => `${b.id}\t${b.name}`)));
  const known = sources.some((s) => s.startsWith(`${source}\t`));
  return (
    <label className="pivot-source">
      of{' '}
      <select data-testid={testId} value={source} onChange={(e) => onChange(e.target.value as BlockId)}>
        {!known && <option value={source}>(gone)</option>}
        {sources.map((s) => {
          const [id, name] = s.split('\t') as [string, string];
          return (
            <option key={id} value={id}>
              {name}
            </option>
          );
        })}
      </select>
    </label>
  );
}
