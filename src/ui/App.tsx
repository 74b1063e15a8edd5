import { memo, useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { assertNever, type Block, type BlockId } from '../workbook';
import { BlockBoundary } from './BlockBoundary';
import { CellBlockView } from './CellBlockView';
import { ChartBlockView } from './ChartBlockView';
import { getEngine, selectBlock, useWorkbook, type BlockRun } from '../state';
import { messageOf } from '../engine';
import { FileDrop } from './FileDrop';
import { PivotBlockView } from './PivotBlockView';
import { LinkConsent } from './ShareMenu';
import { ServerConsent } from './ServerConsent';
import { SheetBlockView } from './SheetBlockView';
import { Notices } from './Notices';
import { SqlBlockView } from './SqlBlockView';
import { TableBlockView } from './TableBlockView';
import { Toolbar } from './Toolbar';
import { UnopenedDialog } from './UnopenedDialog';

const IDLE: BlockRun = { status: 'idle', revision: 0 };

export function App() {
  const ids = useWorkbook(useShallow((s) => s.doc.blocks.map((b) => b.id)));
  const shown = useProgressiveCount(ids.length);
  return (
    <div className="app">
      <Toolbar />
      <Notices />
      <main className="blocks">
        {ids.length === 0 && <EmptyState />}
        {ids.slice(0, shown).map((id) => (
          <BlockItem key={id} id={id} />
        ))}
      </main>
      <EngineBadge />
      <LinkConsent />
      <UnopenedDialog />
      <ServerConsent />
      <FileDrop />
    </div>
  );
}

/** One block; re-renders only when that block or its run changes. */
const BlockItem = memo(function BlockItem({ id }: { id: BlockId }) {
  const block = useWorkbook((s) => selectBlock(s, id));
  const run = useWorkbook((s) => s.runs[id]) ?? IDLE;
  if (!block) return null;
  return <BlockBoundary name={block.name}>{blockView(block, run)}</BlockBoundary>;
});

/** The view of each kind of block. */
function blockView(block: Block, run: BlockRun): ReactNode {
  switch (block.kind) {
    case 'table':
      return <TableBlockView block={block} run={run} />;
    case 'sql':
      return <SqlBlockView block={block} run={run} />;
    case 'cell':
      return <CellBlockView block={block} run={run} />;
    case 'sheet':
      return <SheetBlockView block={block} run={run} />;
    case 'pivot':
      return <PivotBlockView block={block} run={run} />;
    case 'chart':
      return <ChartBlockView block={block} run={run} />;
    default:
      return assertNever(block, 'block kind');
  }
}

/** Blocks mounted at first, and added each frame after (their bodies mount near the view: see NearView). */
const BLOCKS_PER_FRAME = 16;

/** How many of `total` blocks to mount now: all of them a few frames after a big workbook opens. */
function useProgressiveCount(total: number): number {
  const [shown, setShown] = useState(BLOCKS_PER_FRAME);
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + BLOCKS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [shown, total]);
  return Math.min(shown, total);
}

function EmptyState() {
  return (
    <div className="empty" data-testid="empty-state">
      <h1>Drop a file to start</h1>
      <p>CSV, TSV, Parquet, JSON or Arrow, of any size your machine can hold. It stays in this browser: DuckDB runs right here.</p>
    </div>
  );
}

/** Which DuckDB build runs, and whether it started. */
function EngineBadge() {
  const [text, setText] = useState('DuckDB starting…');
  useEffect(() => {
    getEngine().then(
      (e) => setText(`DuckDB ${e.version} · ${e.bundle === 'coi' ? 'threads' : e.bundle}`),
      (e: unknown) => setText(`DuckDB failed to start: ${messageOf(e)}`),
    );
  }, []);
  return (
    <footer className="engine-badge" data-testid="engine-badge">
      {text}
    </footer>
  );
}
