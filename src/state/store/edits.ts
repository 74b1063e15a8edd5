import {
  createBlockId,
  findBlock,
  firstLookSql,
  invalidName,
  isCellBlock,
  isRelationBlock,
  isSqlBlock,
  nextName,
  parseAddress,
  renameBlock as renameInDocument,
  uniqueName,
  valueForControl,
  type Block,
  type BlockId,
  type CellBlock,
  type ChartBlock,
  type PivotBlock,
  type SheetBlock,
  type SheetDataRef,
  type SqlBlock,
  type WorkbookDocument,
} from '../../workbook';
import { formulaColumnProblem } from '../block-edits';
import { suggestFor } from '../suggest';
import * as storage from '../storage';
import type { WorkbookState } from '../workbook-store';
import type { StoreCore } from './core';

/** The edits a person makes to the open workbook's blocks, each one undo step, and undo/redo. */
export type EditActions = Pick<
  WorkbookState,
  | 'addSqlBlock' | 'addCell' | 'setSql' | 'setCellValue' | 'setCellControl' | 'addFormulaColumn' | 'updateFormulaColumn'
  | 'removeFormulaColumn' | 'addSheet' | 'setSheetCells' | 'setGridView' | 'addPivot' | 'setPivot' | 'addChart'
  | 'setChartSource' | 'setChartSpec' | 'setChartSelect' | 'setChartSelection' | 'renameBlock' | 'moveBlock'
  | 'toggleCollapsed' | 'duplicateBlock' | 'removeBlock' | 'setRunOn' | 'undo' | 'redo'
>;

const mapBlock = (id: BlockId, fn: (b: Block) => Block) => (doc: WorkbookDocument) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === id ? fn(b) : b)) });

/** Puts `b` right after the block `after`. */
const insertAfter = (after: BlockId, b: Block) => (doc: WorkbookDocument) => {
  const i = doc.blocks.findIndex((x) => x.id === after);
  return { ...doc, blocks: [...doc.blocks.slice(0, i + 1), b, ...doc.blocks.slice(i + 1)] };
};

export function editActions(core: StoreCore): EditActions {
  const { get, edit, runtime, takenNames } = core;
  const doc = () => get().doc;

  return {
    addSqlBlock(sql) {
      const tables = doc().blocks.filter(isRelationBlock);
      const b: SqlBlock = { id: createBlockId(), kind: 'sql', name: nextName('query', takenNames()), sql: sql ?? firstLookSql(tables[tables.length - 1]?.name) };
      runtime.node(b.id).notRunYet = true; // a new SQL block runs when the person runs it
      void core.appendBlocks([b]);
      return b.id;
    },

    addCell(control = { type: 'value' }, value = null) {
      const b: CellBlock = { id: createBlockId(), kind: 'cell', name: nextName('cell', takenNames()), control, value: value ?? valueForControl(control, null) };
      void core.appendBlocks([b]);
      return b.id;
    },

    setSql(id, sql) {
      void edit(mapBlock(id, (b) => (isSqlBlock(b) ? { ...b, sql } : b)), { coalesce: `sql:${id}`, runSqlEdits: false });
    },

    setCellValue(id, value) {
      void edit(mapBlock(id, (b) => (isCellBlock(b) ? { ...b, value } : b)), { coalesce: `cell:${id}` });
    },

    setCellControl(id, control) {
      void edit(mapBlock(id, (b) => (isCellBlock(b) ? { ...b, control, value: valueForControl(control, b.value) } : b)));
    },

    addFormulaColumn(id, column) {
      const b = findBlock(doc(), id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql')) return 'Formula columns go on tables and SQL blocks.';
      const why = formulaColumnProblem(column, [...(runtime.runOf(id).columns ?? []).map((c) => c.name)]);
      if (why) return why;
      void edit(mapBlock(id, (x) => (x.kind === 'table' || x.kind === 'sql' ? { ...x, formulaColumns: [...(x.formulaColumns ?? []), column] } : x)));
      return undefined;
    },

    updateFormulaColumn(id, name, column) {
      const b = findBlock(doc(), id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql')) return 'Formula columns go on tables and SQL blocks.';
      const others = (runtime.runOf(id).columns ?? []).map((c) => c.name).filter((n) => n !== name);
      const why = formulaColumnProblem(column, others);
      if (why) return why;
      void edit(mapBlock(id, (x) => (x.kind === 'table' || x.kind === 'sql' ? { ...x, formulaColumns: (x.formulaColumns ?? []).map((c) => (c.name === name ? column : c)) } : x)), { coalesce: `formula:${id}:${name}` });
      return undefined;
    },

    removeFormulaColumn(id, name) {
      void edit(
        mapBlock(id, (x) => {
          if (x.kind !== 'table' && x.kind !== 'sql') return x;
          const rest = (x.formulaColumns ?? []).filter((c) => c.name !== name);
          const { formulaColumns: _old, ...plain } = x;
          return rest.length > 0 ? { ...x, formulaColumns: rest } : plain;
        }),
      );
    },

    addSheet(cells = {}) {
      const b: SheetBlock = { id: createBlockId(), kind: 'sheet', name: nextName('sheet', takenNames()), cells };
      void core.appendBlocks([b]);
      return b.id;
    },

    setSheetCells(id, updates) {
      const b = findBlock(doc(), id);
      if (b?.kind !== 'sheet') return;
      // Undone by operation: the step keeps the edited cells' texts before and after, not the document.
      const after: Record<string, string | undefined> = {};
      const before: Record<string, string | undefined> = {};
      for (const [key, text] of Object.entries(updates)) {
        // A big sheet's stored cell is cleared by an empty edit over it.
        after[key] = text === null || text === '' ? (b.data && withinData(b.data, key) ? '' : undefined) : text;
        before[key] = b.cells[key];
      }
      const op = { undo: withCells(id, before), redo: withCells(id, after) };
      void core.commit(op.redo(doc()), { op });
    },

    setGridView(id, grid) {
      const b = findBlock(doc(), id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql') || JSON.stringify(b.grid) === JSON.stringify(grid)) return;
      void edit(
        mapBlock(id, (x) => {
          if (x.kind !== 'table' && x.kind !== 'sql') return x;
          const { grid: _old, ...plain } = x;
          return grid ? { ...plain, grid } : plain;
        }),
        { coalesce: `grid:${id}` },
      );
    },

    addPivot(source) {
      const from = findBlock(doc(), source);
      const columns = runtime.runOf(source).columns ?? [];
      const firstText = columns.find((c) => /^VARCHAR/i.test(c.type)) ?? columns[0];
      const b: PivotBlock = {
        id: createBlockId(),
        kind: 'pivot',
        name: uniqueName(`${from?.name ?? 'table'}_pivot`, takenNames()),
        source,
        rows: firstText ? [firstText.name] : [],
        columns: [],
        values: [{ aggregate: 'count' }],
      };
      void edit(insertAfter(source, b));
      return b.id;
    },

    setPivot(id, patch) {
      void edit(mapBlock(id, (b) => (b.kind === 'pivot' ? { ...b, ...patch } : b)));
    },

    async addChart(source) {
      const from = findBlock(doc(), source);
      const b: ChartBlock = {
        id: createBlockId(),
        kind: 'chart',
        name: uniqueName(`${from?.name ?? 'table'}_chart`, takenNames()),
        source,
        spec: await suggestFor(runtime, doc(), source),
      };
      void edit(insertAfter(source, b));
      return b.id;
    },

    async setChartSource(id, source) {
      const before = findBlock(doc(), id);
      if (before?.kind !== 'chart' || before.source === source) return;
      const spec = await suggestFor(runtime, doc(), source);
      // The suggestion waits on a query: a source picked meanwhile wins, and a spec edited meanwhile is kept.
      const now = findBlock(doc(), id);
      if (now?.kind !== 'chart' || now.source !== before.source) return;
      const kept = now.spec === before.spec ? spec : now.spec;
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, source, spec: kept, selection: undefined } : b)));
    },

    setChartSpec(id, spec) {
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, spec, selection: undefined } : b)), { coalesce: `chart-spec:${id}` });
    },

    setChartSelect(id, select) {
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, select, selection: undefined } : b)));
    },

    setChartSelection(id, selection) {
      const b = findBlock(doc(), id);
      if (b?.kind !== 'chart' || JSON.stringify(b.selection) === JSON.stringify(selection)) return;
      void edit(mapBlock(id, (x) => (x.kind === 'chart' ? { ...x, selection } : x)), { coalesce: `chart-selection:${id}` });
    },

    async renameBlock(id, name) {
      const before = doc();
      const b = findBlock(before, id);
      if (!b || b.name === name) return undefined;
      const why = invalidName(before, id, name);
      if (why) return why;
      const next = await renameInDocument(await runtime.engine(), before, id, name);
      if (doc() !== before) return 'The workbook changed while renaming; try again.';
      await core.commit(next, { runSqlEdits: false });
      return undefined;
    },

    moveBlock(id, delta) {
      void edit((d) => {
        const i = d.blocks.findIndex((b) => b.id === id);
        const j = Math.max(0, Math.min(d.blocks.length - 1, i + delta));
        if (i < 0 || i === j) return d;
        const blocks = [...d.blocks];
        blocks.splice(j, 0, ...blocks.splice(i, 1));
        return { ...d, blocks };
      });
    },

    toggleCollapsed(id) {
      void edit(mapBlock(id, (b) => ({ ...b, collapsed: !b.collapsed })));
    },

    duplicateBlock(id) {
      const b = findBlock(doc(), id);
      if (!b) return undefined;
      const copy = { ...structuredClone(b), id: createBlockId(), name: uniqueName(`${b.name}_copy`, takenNames()) } as Block;
      const file = runtime.node(id).file;
      if (file) {
        runtime.node(copy.id).file = file;
        void storage.keepFile(get().workbookId, copy.id, file).catch(() => undefined);
      }
      // A big sheet's stored cells never change (edits go over them): the copy shares them.
      runtime.node(copy.id).sheetData = runtime.node(id).sheetData;
      void edit(insertAfter(id, copy));
      return copy.id;
    },

    removeBlock(id) {
      void edit((d) => ({ ...d, blocks: d.blocks.filter((b) => b.id !== id) }));
    },

    setRunOn(id, runOn) {
      void edit(mapBlock(id, (b) => (isSqlBlock(b) ? (runOn === 'auto' ? (({ runOn: _r, ...rest }) => rest)(b) : { ...b, runOn }) : b)));
    },

    async undo() {
      const prev = core.history.undo(doc());
      if (prev) await core.commit(prev, { record: false });
      core.set({ canUndo: core.history.canUndo, canRedo: core.history.canRedo });
    },

    async redo() {
      const next = core.history.redo(doc());
      if (next) await core.commit(next, { record: false });
      core.set({ canUndo: core.history.canUndo, canRedo: core.history.canRedo });
    },
  };
}

export { mapBlock };

/** Whether an address lies in a big sheet's stored extent. */
function withinData(d: SheetDataRef, key: string): boolean {
  const a = parseAddress(key);
  return a !== undefined && a.row < d.rows && a.col < d.cols;
}

/** The document with some of a sheet's cells set (undefined removes one). */
function withCells(id: BlockId, cells: Record<string, string | undefined>) {
  return mapBlock(id, (b) => {
    if (b.kind !== 'sheet') return b;
    const next = { ...b.cells };
    for (const [key, text] of Object.entries(cells)) {
      if (text === undefined) delete next[key];
      else next[key] = text;
    }
    return { ...b, cells: next };
  });
}
