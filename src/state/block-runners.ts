import { EngineError, errorPosition, isEngineError, pullResult, quoteIdent, type DataSource, type RemoteEngine, type SqlAnalysis, type SqlParams } from '../engine';
import {
  BlockedByInput,
  blockStatement,
  cellValue,
  findBlock,
  baseTableName,
  gridViewName,
  hasFormulaColumns,
  isCellBlock,
  isFormulaCell,
  unwrapErrorLines,
  type BlockId,
  type CellBlock,
  type Graph,
  type PivotBlock,
  type SheetBlock,
  type SqlBlock,
  type TableBlock,
  type WorkbookDocument,
  type share,
} from '../workbook';
import type { Scalar } from '../workbook/formula';
import { BlockFailure, sameColumns, toBlockError, type BlockRun } from './block-runs';
import { runChart } from './chart-runner';
import { missingFileMessage } from './share';
import { moveInputs, place, runOnServer, serverFailure, type PlacedSqlDeps } from './placed-sql';
import { useServer } from './server';
import { consentFailure, needsServer, serverWants } from './server-consent';
import { getEngine } from './engine';
import { applyFormulaColumns, currentCellValue, dataTable, placeData, runFormulaCell, runPivot, runSheet, type RuntimeContext } from './formula-runtime';
import * as storage from './storage';

/** What the runners read and write of the store. */
export interface RunnerDeps {
  doc(): WorkbookDocument;
  workbookId(): string;
  /** A block's run as it will be once pending updates land. */
  runOf(id: BlockId): BlockRun;
  patchRun(id: BlockId, patch: Partial<BlockRun>): void;
  graph(): Graph;
  /** SQL text → what it reads (DuckDB's parser). */
  analyses: Map<string, SqlAnalysis>;
  /** Dropped files behind table blocks. */
  files: Map<BlockId, File>;
  /** Bumps when a table's file is dropped again. */
  fileVersions: Map<BlockId, number>;
  /**
   * What a table-like block's rows were last computed from: when only its formula columns change,
   * its rows are not computed again (a 3M-row file is not read again for a new column).
   */
  dataKeys: Map<BlockId, string>;
  /** Sheets' values, for other sheets' formulas. */
  sheetValues: Map<BlockId, Map<string, Scalar>>;
  /** The schemas a link gave for files it did not carry. */
  placeholders: ReadonlyMap<BlockId, share.MissingTable>;
  /** Blocks whose table the server has a copy of, at the revision it was pushed. */
  pushed: Map<BlockId, number>;
  /** The server this workbook may use: none, or not one a workbook from a link was not allowed. */
  remote(): RemoteEngine | undefined;
  /** The connected server's URL when this workbook (from a link) may not use it. */
  unallowedServer(): string | undefined;
}

/**
 * How each kind of block runs: a table reads its file or URL, a SQL block runs its statement,
 * a cell evaluates, a sheet computes and becomes a table, a pivot groups, a chart aggregates its
 * source and makes its selection a view; table-like blocks then
 * get their formula columns. Returns the scheduler's RunBlock.
 */
export function createBlockRunners(deps: RunnerDeps): (id: BlockId, signal: AbortSignal) => Promise<void> {
  const { runOf, patchRun, analyses, files, fileVersions, dataKeys, sheetValues } = deps;
  const get = () => ({ doc: deps.doc(), workbookId: deps.workbookId() });
  const nextRevision = (id: BlockId) => runOf(id).revision + 1;

  async function runOne(id: BlockId, signal: AbortSignal): Promise<void> {
    const b = findBlock(get().doc, id);
    if (!b) return;
    switch (b.kind) {
      case 'sql':
        return runSql(b, signal);
      case 'table':
        return ingestTable(b, signal);
      case 'cell':
        return evaluateCell(b, signal);
      case 'sheet':
        return evaluateSheetBlock(b, signal);
      case 'pivot':
        return buildPivot(b, signal);
      case 'chart':
        return runChart({ engine: await getEngine(), doc: get().doc, runOf, patchRun, dataKeys }, b, signal);
    }
  }

  /** What the formula runners read from the store. */
  const runtime = (engine: Awaited<ReturnType<typeof getEngine>>, signal: AbortSignal): RuntimeContext => ({
    doc: () => get().doc,
    columnsOf: (id) => runOf(id).columns,
    cellResult: (id) => runOf(id).value,
    sheetValues: (id) => sheetValues.get(id),
    engine,
    signal,
  });

  /**
   * After a table-like block's rows are in place: its formula columns' views (or none), its
   * columns as SQL reads them, and a new revision so views over it fetch again.
   */
  async function finishRelation(b: TableBlock | SqlBlock, rows: number | undefined, signal: AbortSignal): Promise<void> {
    const engine = await getEngine();
    if (hasFormulaColumns(b)) {
      const applied = await applyFormulaColumns(runtime(engine, signal), b);
      const columns = sameColumns(runOf(b.id).columns, await engine.describe(b.name));
      if (!signal.aborted) {
        patchRun(b.id, { formulaColumns: applied.columns, errorColumns: applied.errorColumns, gridTable: applied.gridTable, columns, rows: rows ?? runOf(b.id).rows, revision: nextRevision(b.id) });
      }
      return;
    }
    const columns = sameColumns(runOf(b.id).columns, await engine.describe(b.name));
    if (!signal.aborted) patchRun(b.id, { columns, rows: rows ?? runOf(b.id).rows, revision: nextRevision(b.id), formulaColumns: undefined, errorColumns: undefined, gridTable: undefined });
  }

  /**
   * Blocks whose formula-column relations (base table, grid view, the name as a view) may exist:
   * only those need clearing when their formula columns go, which saves every other run of a
   * table or SQL block three statements (each a round trip to DuckDB's worker).
   */
  const derived = new Set<BlockId>();

  /** Clears the way for computing a block's rows into `target` (a view may hold the name). */
  async function clearTarget(b: TableBlock | SqlBlock, target: string): Promise<void> {
    if (target !== b.name || !derived.has(b.id)) return;
    const engine = await getEngine();
    // Formula columns were removed: their views go, and the rows they read (not reused) too.
    await engine.dropTable(b.name, 'view');
    await engine.dropTable(gridViewName(b.id), 'view');
    await engine.dropTable(baseTableName(b.id), 'table');
    derived.delete(b.id);
  }

  /** Before a table or SQL block's rows are placed: with formula columns, their relations come to exist. */
  function noteDerived(b: TableBlock | SqlBlock): void {
    if (hasFormulaColumns(b)) derived.add(b.id);
  }

  async function evaluateSheetBlock(b: SheetBlock, signal: AbortSignal): Promise<void> {
    const engine = await getEngine();
    const result = await runSheet(runtime(engine, signal), b).catch((e: unknown) => {
      throw new BlockFailure(toBlockError(e));
    });
    if (signal.aborted) return;
    sheetValues.set(b.id, result.values);
    patchRun(b.id, { sheet: result.view, rows: result.rows, columns: sameColumns(runOf(b.id).columns, result.columns), revision: nextRevision(b.id) });
  }

  async function buildPivot(b: PivotBlock, signal: AbortSignal): Promise<void> {
    const engine = await getEngine();
    const result = await runPivot(runtime(engine, signal), b).catch((e: unknown) => {
      throw new BlockFailure({ ...toBlockError(e), kind: 'sql' });
    });
    if (!signal.aborted) patchRun(b.id, { sql: result.sql, rows: result.rows, columns: sameColumns(runOf(b.id).columns, result.columns), revision: nextRevision(b.id) });
  }

  async function ingestTable(b: TableBlock, signal: AbortSignal): Promise<void> {
    const engine = await getEngine();
    const key = JSON.stringify([b.source, b.lenient ?? false, b.encoding, b.textColumns, fileVersions.get(b.id) ?? 0]);
    noteDerived(b);
    if (await placeData(engine, b, dataKeys.get(b.id) === key)) return finishRelation(b, undefined, signal);
    dataKeys.delete(b.id);
    let file = files.get(b.id);
    if (!file && b.source.kind === 'file') {
      file = await storage.keptFile(get().workbookId, b.id, b.source.fileName);
      if (file) files.set(b.id, file);
    }
    if (!file && b.source.kind === 'file') {
      throw new BlockFailure({ kind: 'file', message: missingFileMessage(b.source.fileName, deps.placeholders.get(b.id), b.formulaColumns) });
    }
    const target = dataTable(b);
    await clearTarget(b, target);
    await engine.dropTable(target);
    if (b.source.kind === 'server') return pullServerTable(b, b.source.table, key, signal);
    try {
      const source: DataSource = b.source.kind === 'url' ? { kind: 'url', url: b.source.url } : { kind: 'file', file: file! };
      const result = await engine.ingest(source, target, {
        format: b.source.format,
        lenient: b.lenient,
        encoding: b.encoding,
        textColumns: b.textColumns,
        signal,
        onProgress: (progress) => !signal.aborted && patchRun(b.id, { progress }),
      });
      if (signal.aborted) return;
      dataKeys.set(b.id, key);
      await finishRelation(b, result.rows, signal);
    } catch (e) {
      if (e instanceof BlockFailure) throw e;
      const csv = b.source.format === 'csv' || b.source.format === 'tsv';
      throw new BlockFailure({ ...toBlockError(e), canReadLeniently: !b.lenient && csv && isEngineError(e) && e.kind === 'file' });
    }
  }

  /** A published workbook's table: its rows come from the server it was published to, as Arrow. */
  async function pullServerTable(b: TableBlock, table: string, key: string, signal: AbortSignal): Promise<void> {
    const unallowed = deps.unallowedServer();
    if (unallowed) throw consentFailure(unallowed);
    const remote = deps.remote();
    if (!remote) throw new BlockFailure({ kind: 'network', message: `${b.name} is the server table ${table}: connect to the server it was published on (Server, in the toolbar) to load it.` });
    try {
      const pulled = await pullResult(remote, await getEngine(), `SELECT * FROM ${quoteIdent(table)}`, dataTable(b), { replace: true, signal });
      if (signal.aborted) return;
      dataKeys.set(b.id, key);
      patchRun(b.id, { where: { browser: 'full', server: true, serverRows: pulled.rows } });
      await finishRelation(b, pulled.rows, signal);
    } catch (e) {
      throw serverFailure(e);
    }
  }

  async function runSql(b: SqlBlock, signal: AbortSignal): Promise<void> {
    const engine = await getEngine();
    const target = dataTable(b);
    const statement = blockStatement(target, b.sql);
    const params = paramsFor(get().doc, b);
    const unallowed = deps.unallowedServer();
    if (unallowed && needsServer(serverWants(get().doc, analyses, useServer.getState().tables), b.name)) throw consentFailure(unallowed);
    const placedDeps: PlacedSqlDeps = { doc: get().doc, graph: deps.graph(), analyses, runOf, patchRun, local: engine, remote: deps.remote(), pushed: deps.pushed };
    const placement = place(placedDeps, b);
    const key = JSON.stringify([b.sql, params, inputRevisions(b), placement.side]);
    noteDerived(b);
    if (statement.materializes && (await placeData(engine, b, dataKeys.get(b.id) === key))) return finishRelation(b, undefined, signal);
    dataKeys.delete(b.id);
    try {
      const missing = deps.graph().missingParams.get(b.id);
      if (missing?.length) {
        throw new EngineError('sql', `${missing.map((m) => `$${m}`).join(', ')}: no cell has that name. Add a cell named ${missing[0]} or fix the name.`);
      }
      await moveInputs(placedDeps, placement, signal);
      if (statement.materializes) await clearTarget(b, target);
      if (placement.side === 'server') {
        const ran = await runOnServer(placedDeps, b, target, params, signal);
        if (signal.aborted) return;
        const served = ran && { serverMs: ran.stats[0]?.serverMs ?? 0, rows: ran.rows, bytes: ran.stats.reduce((n, s) => n + (s.bytes ?? 0), 0) };
        patchRun(b.id, { ranOn: 'server', served, where: { browser: !ran || ran.local === ran.rows ? 'full' : 'partial', server: true, serverRows: ran?.rows } });
        if (!ran) return patchRun(b.id, { rows: undefined, columns: undefined });
        dataKeys.set(b.id, key);
        return finishRelation(b, ran.local, signal);
      }
      const result = await engine.query(statement.sql, params, { signal });
      patchRun(b.id, { ranOn: 'browser', served: undefined, where: undefined });
      if (statement.materializes) {
        // CREATE TABLE … AS answers with the number of rows it wrote.
        const rows = Number(result.getChildAt(0)?.get(0) ?? 0);
        if (signal.aborted) return;
        dataKeys.set(b.id, key);
        await finishRelation(b, rows, signal);
      } else if (!signal.aborted) {
        patchRun(b.id, { rows: result.numRows, columns: undefined });
      }
    } catch (e) {
      if (e instanceof BlockedByInput || e instanceof BlockFailure) throw e;
      const error = toBlockError(serverFailure(e));
      error.message = unwrapErrorLines(error.message, statement.lineOffset);
      error.position = errorPosition(error.message, b.sql);
      throw new BlockFailure(error);
    }
  }

  async function evaluateCell(b: CellBlock, signal: AbortSignal): Promise<void> {
    if (isFormulaCell(b)) {
      const value = await runFormulaCell(runtime(await getEngine(), signal), b);
      if (!signal.aborted) patchRun(b.id, { value, options: undefined });
      return;
    }
    let options: string[] | undefined;
    if (b.control.type === 'dropdown' && 'from' in b.control) {
      const source = findBlock(get().doc, b.control.from.block);
      if (!source) throw new BlockFailure({ kind: 'sql', message: 'The block this dropdown takes its options from is gone.' });
      const engine = await getEngine();
      const column = quoteIdent(b.control.from.column);
      const table = await engine.query(`SELECT DISTINCT CAST(${column} AS VARCHAR) AS v FROM ${quoteIdent(source.name)} WHERE ${column} IS NOT NULL ORDER BY 1 LIMIT 1000`, {}, { signal }).catch((e: unknown) => {
        throw new BlockFailure(toBlockError(e));
      });
      options = table.toArray().map((r) => String(r.v));
    }
    if (!signal.aborted) patchRun(b.id, { value: cellValue(b), options });
  }

  /**
   * The cells a SQL block reads as `$name`, by name: the graph's, never every cell (an unparsed or
   * re-parsing block would otherwise be stopped by any failing cell). A cell holding an error
   * value stops its reader, as a failed input does.
   */
  function paramsFor(doc: WorkbookDocument, reader: SqlBlock): SqlParams {
    const params: Record<string, SqlParams[string]> = {};
    for (const id of deps.graph().params.get(reader.id) ?? []) {
      const b = findBlock(doc, id);
      if (!b || !isCellBlock(b)) continue;
      const v = currentCellValue(b, runOf(b.id).value);
      if (v.type === 'error') throw new BlockedByInput(b.id);
      params[b.name] = v.type === 'date' ? { date: v.value } : v.value;
    }
    return params;
  }

  /** The revisions of the blocks a SQL block reads (its inputs in the graph): its rows are stale when one changes. */
  function inputRevisions(b: SqlBlock): string[] {
    return (deps.graph().upstream.get(b.id) ?? []).map((id) => `${id}:${runOf(id).revision}`);
  }

  return runOne;
}
