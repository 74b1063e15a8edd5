import { isEngineError, pullResult, type DataSource } from '../../../engine';
import { selectAllSql, type TableBlock } from '../../../workbook';
import { BlockFailure, toBlockError } from '../../block-runs';
import { missingFileMessage } from '../../share';
import { consentFailure } from '../../server-consent';
import type { RunContext } from '../context';
import { serverFailure } from './placed-sql';
import { clearTarget, dataTable, finishRelation, noteDerived, placeData } from './relation';

/** A table block: its file, URL or server table read into DuckDB (not again when only its formula columns changed). */
export async function ingestTable(ctx: RunContext, b: TableBlock): Promise<void> {
  const { engine, signal } = ctx;
  const node = ctx.node(b.id);
  const key = JSON.stringify([b.source, b.lenient ?? false, b.encoding, b.textColumns, node.fileVersion]);
  noteDerived(ctx, b);
  if (await placeData(engine, b, node.dataKey === key)) return finishRelation(ctx, b, undefined);
  node.dataKey = undefined;
  if (!node.file && b.source.kind === 'file') node.file = await ctx.keptFile(b.id, b.source.fileName);
  if (!node.file && b.source.kind === 'file') {
    throw new BlockFailure({ kind: 'file', message: missingFileMessage(b.source.fileName, node.placeholder, b.formulaColumns) });
  }
  const target = dataTable(b);
  await clearTarget(ctx, b, target);
  await engine.catalog.drop(target);
  if (b.source.kind === 'server') return pullServerTable(ctx, b, b.source.table, key);
  try {
    const source: DataSource = b.source.kind === 'url' ? { kind: 'url', url: b.source.url } : { kind: 'file', file: node.file! };
    const result = await engine.ingest(source, target, {
      format: b.source.format,
      lenient: b.lenient,
      encoding: b.encoding,
      textColumns: b.textColumns,
      signal,
      onProgress: (progress) => !signal.aborted && ctx.patchRun(b.id, { progress }),
    });
    if (signal.aborted) return;
    node.dataKey = key;
    await finishRelation(ctx, b, result.rows);
  } catch (e) {
    if (e instanceof BlockFailure) throw e;
    const csv = b.source.format === 'csv' || b.source.format === 'tsv';
    throw new BlockFailure({ ...toBlockError(e), canReadLeniently: !b.lenient && csv && isEngineError(e) && e.kind === 'file' });
  }
}

/** A published workbook's table: its rows come from the server it was published to, as Arrow. */
async function pullServerTable(ctx: RunContext, b: TableBlock, table: string, key: string): Promise<void> {
  const unallowed = ctx.server.unallowed();
  if (unallowed) throw consentFailure(unallowed);
  const remote = ctx.server.remote();
  if (!remote) throw new BlockFailure({ kind: 'network', message: `${b.name} is the server table ${table}: connect to the server it was published on (Server, in the toolbar) to load it.` });
  try {
    const pulled = await pullResult(remote, ctx.engine, selectAllSql(table), dataTable(b), { replace: true, signal: ctx.signal });
    if (ctx.signal.aborted) return;
    ctx.node(b.id).dataKey = key;
    ctx.patchRun(b.id, { where: { browser: 'full', server: true, serverRows: pulled.rows } });
    await finishRelation(ctx, b, pulled.rows);
  } catch (e) {
    throw serverFailure(ctx.server, e);
  }
}
