import { EngineError, errorPosition, type SqlParams } from '../../../engine';
import { BlockedByInput, blockStatement, findBlock, isCellBlock, unwrapErrorLines, type SqlBlock } from '../../../workbook';
import { BlockFailure, toBlockError } from '../../block-runs';
import { consentFailure, needsServer, serverWants } from '../../server-consent';
import type { RunContext } from '../context';
import { parsesByText } from '../node';
import { currentCellValue } from './formula';
import { moveInputs, place, runOnServer, serverFailure } from './placed-sql';
import { clearTarget, dataTable, finishRelation, noteDerived, placeData } from './relation';

/** A SQL block: its statement, placed in the browser or on the server, its result kept as a table of its name. */
export async function runSql(ctx: RunContext, b: SqlBlock): Promise<void> {
  const { engine, signal } = ctx;
  const node = ctx.node(b.id);
  const target = dataTable(b);
  const statement = blockStatement(target, b.sql);
  const params = paramsFor(ctx, b);
  const unallowed = ctx.server.unallowed();
  if (unallowed && needsServer(serverWants(ctx.doc(), parsesByText(ctx.doc(), ctx.node), ctx.server.tables()), b.name)) throw consentFailure(unallowed);
  const placement = place(ctx, b);
  const key = JSON.stringify([b.sql, params, inputRevisions(ctx, b), placement.side]);
  noteDerived(ctx, b);
  if (statement.materializes && (await placeData(engine, b, node.dataKey === key))) return finishRelation(ctx, b, undefined);
  node.dataKey = undefined;
  try {
    const missing = ctx.graph().missingParams.get(b.id);
    if (missing?.length) {
      throw new EngineError('sql', `${missing.map((m) => `$${m}`).join(', ')}: no cell has that name. Add a cell named ${missing[0]} or fix the name.`);
    }
    await moveInputs(ctx, placement);
    if (statement.materializes) await clearTarget(ctx, b, target);
    if (placement.side === 'server') {
      const ran = await runOnServer(ctx, b, target, params);
      if (signal.aborted) return;
      const served = ran && { serverMs: ran.stats[0]?.serverMs ?? 0, rows: ran.rows, bytes: ran.stats.reduce((n, s) => n + (s.bytes ?? 0), 0) };
      ctx.patchRun(b.id, { ranOn: 'server', served, where: { browser: !ran || ran.local === ran.rows ? 'full' : 'partial', server: true, serverRows: ran?.rows } });
      if (!ran) return ctx.patchRun(b.id, { rows: undefined, columns: undefined });
      node.dataKey = key;
      return finishRelation(ctx, b, ran.local);
    }
    const result = await engine.query(statement.sql, params, { signal });
    ctx.patchRun(b.id, { ranOn: 'browser', served: undefined, where: undefined });
    if (statement.materializes) {
      // CREATE TABLE … AS answers with the number of rows it wrote.
      const rows = Number(result.getChildAt(0)?.get(0) ?? 0);
      if (signal.aborted) return;
      node.dataKey = key;
      await finishRelation(ctx, b, rows);
    } else if (!signal.aborted) {
      ctx.patchRun(b.id, { rows: result.numRows, columns: undefined });
    }
  } catch (e) {
    if (e instanceof BlockedByInput || e instanceof BlockFailure) throw e;
    const error = toBlockError(serverFailure(ctx.server, e));
    error.message = unwrapErrorLines(error.message, statement.lineOffset);
    error.position = errorPosition(error.message, b.sql);
    throw new BlockFailure(error);
  }
}

/**
 * The cells a SQL block reads as `$name`, by name: the graph's, never every cell (an unparsed or
 * re-parsing block would otherwise be stopped by any failing cell). A cell holding an error
 * value stops its reader, as a failed input does.
 */
function paramsFor(ctx: RunContext, reader: SqlBlock): SqlParams {
  const doc = ctx.doc();
  const params: Record<string, SqlParams[string]> = {};
  for (const id of ctx.graph().params.get(reader.id) ?? []) {
    const b = findBlock(doc, id);
    if (!b || !isCellBlock(b)) continue;
    const v = currentCellValue(b, ctx.runOf(b.id).value);
    if (v.type === 'error') throw new BlockedByInput(b.id);
    params[b.name] = v.type === 'date' ? { date: v.value } : v.value;
  }
  return params;
}

/** The revisions of the blocks a SQL block reads (its inputs in the graph): its rows are stale when one changes. */
function inputRevisions(ctx: RunContext, b: SqlBlock): string[] {
  return (ctx.graph().upstream.get(b.id) ?? []).map((id) => `${id}:${ctx.runOf(id).revision}`);
}
