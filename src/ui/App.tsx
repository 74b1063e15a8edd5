import { useEffect, useState } from 'react';
import { BlockBoundary } from './BlockBoundary';
import { CellBlockView } from './CellBlockView';
import { getEngine, useWorkbook } from '../state';
import { messageOf } from '../engine';
import { FileDrop } from './FileDrop';
import { Notices } from './Notices';
import { SqlBlockView } from './SqlBlockView';
import { TableBlockView } from './TableBlockView';
import { Toolbar } from './Toolbar';

const IDLE = { status: 'idle', revision: 0 } as const;

export function App() {
  const blocks = useWorkbook((s) => s.doc.blocks);
  const runs = useWorkbook((s) => s.runs);
  return (
    <div className="app">
      <Toolbar />
      <Notices />
      <main className="blocks">
        {blocks.length === 0 && <EmptyState />}
        {blocks.map((block) => {
          const run = runs[block.id] ?? IDLE;
          return (
            <BlockBoundary key={block.id} name={block.name}>
              {block.kind === 'table' && <TableBlockView block={block} run={run} />}
              {block.kind === 'sql' && <SqlBlockView block={block} run={run} />}
              {block.kind === 'cell' && <CellBlockView block={block} run={run} />}
            </BlockBoundary>
          );
        })}
      </main>
      <EngineBadge />
      <FileDrop />
    </div>
  );
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
