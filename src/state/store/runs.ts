import { formatFromName, isEngineError, messageOf } from '../../engine';
import { createBlockId, isTableBlock, tableNameFromFile, tableNameFromUrl, uniqueName, type BlockId, type SheetBlock, type SheetData, type TableBlock } from '../../workbook';
import type { ImportedWorkbook } from '../../workbook/xlsx';
import { importWorkbookFile, isWorkbookFile } from '../xlsx/client';
import { withReadOptions } from '../read-options';
import * as storage from '../storage';
import type { WorkbookState } from '../workbook-store';
import type { StoreCore } from './core';
import { mapBlock } from './edits';

/** Bringing data in (files, URLs) and running, stopping and re-reading blocks. */
export type RunActions = Pick<WorkbookState, 'addFiles' | 'addUrl' | 'runBlock' | 'cancelBlock' | 'readLeniently' | 'setReadOptions'>;

export function runActions(core: StoreCore): RunActions {
  const { get, runtime, notify } = core;

  return {
    async addFiles(list) {
      const blocks: TableBlock[] = [];
      const refilled: BlockId[] = [];
      const sheets: SheetBlock[] = [];
      for (const file of list) {
        if (isWorkbookFile(file.name)) {
          // Big sheets waiting for their workbook (after a link, or a lost copy) are filled by it.
          const waiting = get().doc.blocks.filter((b): b is SheetBlock => b.kind === 'sheet' && b.data?.file === file.name && !runtime.node(b.id).sheetData);
          if (waiting.length > 0) {
            for (const b of waiting) {
              runtime.node(b.id).file = file;
              void storage.keepFile(get().workbookId, b.id, file).catch(() => undefined);
            }
            refilled.push(...waiting.map((b) => b.id));
            continue;
          }
          try {
            const imported = sheetBlocks(file.name, await importWorkbookFile(file, [...core.takenNames(), ...sheets.map((b) => b.name)]));
            for (const { block, data } of imported) {
              sheets.push(block);
              if (!data) continue;
              // A big sheet's cells stay out of the document: the runtime holds them, the workbook file is kept to read them again.
              Object.assign(runtime.node(block.id), { sheetData: data, file });
              void storage.keepFile(get().workbookId, block.id, file).catch((e: unknown) => notify(`${file.name} will not survive a reload: ${messageOf(e)}`));
            }
          } catch (e) {
            notify(`${file.name} was not opened; nothing was changed. ${messageOf(e)}`);
          }
          continue;
        }
        // The file a table is waiting for (after an import, or a lost copy) fills that table.
        const waiting = get().doc.blocks.find(
          (b): b is TableBlock => isTableBlock(b) && b.source.kind === 'file' && b.source.fileName === file.name && !runtime.node(b.id).file && runtime.runOf(b.id).status === 'error',
        );
        if (waiting) {
          const node = runtime.node(waiting.id);
          node.file = file;
          node.placeholder = undefined;
          node.fileVersion++;
          void storage.keepFile(get().workbookId, waiting.id, file).catch(() => undefined);
          refilled.push(waiting.id);
          continue;
        }
        let format;
        try {
          format = formatFromName(file.name);
        } catch (e) {
          notify(messageOf(e));
          continue;
        }
        const b: TableBlock = {
          id: createBlockId(),
          kind: 'table',
          name: uniqueName(tableNameFromFile(file.name), [...core.takenNames(), ...blocks.map((x) => x.name)]),
          source: { kind: 'file', fileName: file.name, format, size: file.size },
        };
        runtime.node(b.id).file = file;
        blocks.push(b);
      }
      await runtime.rerun(refilled);
      if (sheets.length > 0) await core.appendBlocks(sheets);
      if (blocks.length === 0) return core.waitFor([...refilled, ...sheets.map((b) => b.id)]);
      const workbookId = get().workbookId;
      for (const b of blocks) {
        const file = runtime.node(b.id).file!;
        void storage.keepFile(workbookId, b.id, file).catch((e: unknown) => notify(`${file.name} will not survive a reload: ${messageOf(e)}`));
      }
      await core.appendBlocks(blocks);
      await core.waitFor([...refilled, ...sheets.map((b) => b.id), ...blocks.map((b) => b.id)]);
    },

    async addUrl(url) {
      let format;
      try {
        format = formatFromName(new URL(url).pathname);
      } catch (e) {
        notify(isEngineError(e) ? e.message : `${url} is not a valid URL.`);
        return;
      }
      const b: TableBlock = { id: createBlockId(), kind: 'table', name: uniqueName(tableNameFromUrl(url), core.takenNames()), source: { kind: 'url', url, format } };
      await core.appendBlocks([b]);
      await core.waitFor([b.id]);
    },

    runBlock: (id) => runtime.run(id),

    cancelBlock(id) {
      runtime.cancel(id);
    },

    async readLeniently(id) {
      await core.edit(mapBlock(id, (b) => (isTableBlock(b) ? { ...b, lenient: true } : b)));
      await core.waitFor([id]);
    },

    async setReadOptions(id, options) {
      await core.edit(mapBlock(id, (b) => (isTableBlock(b) ? withReadOptions(b, options) : b)));
      await core.waitFor([id]);
    },
  };
}

/**
 * One sheet block per worksheet of an imported workbook. What the import left out is listed on the
 * sheets it names, and what names no sheet (macros, the date system) on the first one.
 */
function sheetBlocks(fileName: string, workbook: ImportedWorkbook): { block: SheetBlock; data?: SheetData }[] {
  const mentions = (sentence: string, sheet: string) => sentence.includes(sheet);
  return workbook.sheets.map((s, i) => {
    const leftOut = workbook.leftOut.filter((l) => mentions(l, s.name) || (i === 0 && !workbook.sheets.some((x) => mentions(l, x.name))));
    const block: SheetBlock = {
      id: createBlockId(),
      kind: 'sheet',
      name: s.block,
      cells: s.cells,
      ...(s.formats && Object.keys(s.formats).length ? { formats: s.formats } : {}),
      ...(s.widths && Object.keys(s.widths).length ? { widths: s.widths } : {}),
      ...(s.merges?.length ? { merges: s.merges } : {}),
      ...(s.freeze ? { freeze: s.freeze } : {}),
      ...(s.styles && Object.keys(s.styles).length ? { styles: s.styles } : {}),
      origin: { file: fileName, sheet: s.name },
      ...(leftOut.length ? { leftOut } : {}),
      ...(s.data ? { data: { file: fileName, sheet: s.name, rows: s.data.rows, cols: s.data.cols } } : {}),
    };
    return { block, data: s.data };
  });
}
