import { useEffect, useState } from 'react';
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
          switch (block.kind) {
            case 'table':
              return <TableBlockView key={block.id} block={block} run={run} />;
            case 'sql':
              return <SqlBlockView key={block.id} block={block} run={run} />;
          }
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
