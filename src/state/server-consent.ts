import type { SqlAnalysis, TableInfo } from '../engine';
import { blockStatement, isSqlBlock, isTableBlock, type WorkbookDocument } from '../workbook';
import { BlockFailure } from './block-runs';

/**
 * Which servers a workbook may use. A person's own workbook uses the server they connected; a
 * workbook opened from a link uses none until the person has seen what it would do on that
 * server and agreed (kept beside the document, never in it, so a link cannot grant itself this).
 */
export type ServerAccess = { kind: 'own' } | { kind: 'linked'; allowed: readonly string[] };

export const OWN: ServerAccess = { kind: 'own' };

/** Whether a workbook with `access` may use the server at `url`. */
export function mayUseServer(access: ServerAccess, url: string | undefined): boolean {
  return url !== undefined && (access.kind === 'own' || access.allowed.includes(url));
}

/** What a workbook would do on a server: shown to the person before they allow it. */
export interface ServerWants {
  /** SQL blocks that ask to run there, with their statements. */
  statements: { block: string; sql: string }[];
  /** Tables it would write there (each lands in the workbook's own namespace). */
  writes: string[];
  /** Server tables it reads. */
  reads: string[];
}

/** What `doc` asks of a server whose tables are `serverTables`. */
export function serverWants(doc: WorkbookDocument, analyses: ReadonlyMap<string, SqlAnalysis>, serverTables: readonly TableInfo[]): ServerWants {
  const names = new Set(doc.blocks.map((b) => b.name.toLowerCase()));
  const onServer = new Map(serverTables.map((t) => [t.name.toLowerCase(), t.name]));
  const statements: ServerWants['statements'] = [];
  const writes = new Set<string>();
  const reads = new Set<string>();
  const byName = new Map(doc.blocks.map((b) => [b.name.toLowerCase(), b]));
  for (const b of doc.blocks) {
    if (isTableBlock(b) && b.source.kind === 'server') reads.add(b.source.table);
    if (!isSqlBlock(b)) continue;
    const read = (analyses.get(b.sql)?.tables ?? []).map((t) => t.toLowerCase()).filter((t) => onServer.has(t) && !names.has(t));
    for (const t of read) reads.add(onServer.get(t)!);
    if (b.runOn !== 'server' && read.length === 0) continue;
    statements.push({ block: b.name, sql: b.sql });
    // A query's result becomes a table of the block's name there; other statements (DDL) make none.
    if (blockStatement(b.name, b.sql).materializes) writes.add(b.name);
    // The blocks it reads are copied there first.
    for (const t of analyses.get(b.sql)?.tables ?? []) {
      const input = byName.get(t.toLowerCase());
      if (input && input.kind !== 'cell') writes.add(input.name);
    }
  }
  return { statements, writes: [...writes], reads: [...reads] };
}

/** Whether a SQL block would need the server: it asks to run there or reads a table only the server has. */
export function needsServer(wants: ServerWants, blockName: string): boolean {
  return wants.statements.some((s) => s.block === blockName);
}

/** The failure of a block that would use a server a linked workbook was not allowed to use. */
export function consentFailure(url: string): BlockFailure {
  return new BlockFailure({
    kind: 'consent',
    message: `This workbook came from a link, so it runs in your browser: it may not use the server ${new URL(url).host} until you allow it (Review, below, lists what it would do there).`,
  });
}
