import { messageOf } from '../../engine';
import { createDocument, readDocument, type WorkbookDocument } from '../../workbook';
import { nextTitle } from '../block-edits';
import { openGuard } from '../open-guard';
import { forgetLinkInLocation, linkInLocation, type PublishedRef } from '../share';
import * as storage from '../storage';
import type { WorkbookState } from '../workbook-store';
import type { StoreCore } from './core';

/** The workbooks kept in this browser: open the last one, new, open, rename, delete, import, export. */
export type WorkbookActions = Pick<
  WorkbookState,
  'init' | 'newWorkbook' | 'openWorkbook' | 'renameWorkbook' | 'deleteWorkbook' | 'exportWorkbook' | 'importWorkbook' | 'resolveUnopened' | 'dismissNotice' | 'notify'
>;

/** What opening workbooks needs of the share flow. */
export interface LinkOpener {
  openPublished(ref: PublishedRef, params: URLSearchParams): Promise<void>;
  /** A workbook from a link that asks for the connected server shows what it would do there, once it has opened. */
  offerServerReview(): void;
}

export function workbookActions(core: StoreCore, links: LinkOpener): WorkbookActions {
  const { get, set, notify, save, open } = core;

  return {
    async init() {
      storage.askForPersistentStorage();
      let workbooks: storage.WorkbookMeta[] = [];
      try {
        workbooks = await storage.listWorkbooks();
      } catch (e) {
        notify(`Workbooks cannot be kept in this browser: ${messageOf(e)}`);
      }
      set({ workbooks });
      const id = storage.currentWorkbook.get() ?? workbooks[0]?.id;
      const record = id ? await storage.loadWorkbook(id).catch(() => undefined) : undefined;
      if (!record) storage.currentWorkbook.set(get().workbookId);
      else if (openGuard.unfinished() === record.id) {
        // It froze or crashed the tab last time: opening it again by itself would do it again.
        storage.currentWorkbook.set(get().workbookId);
        set({ unopened: { id: record.id, title: record.title } });
      } else {
        try {
          await open(record.id, readDocument(record.doc), record);
        } catch (e) {
          notify(`The last workbook could not be opened: ${messageOf(e)}`);
        }
      }
      const link = typeof window === 'undefined' ? undefined : linkInLocation(window.location);
      if (link) {
        forgetLinkInLocation();
        if (link.payload) await get().openLink(link.payload, link.params);
        else if (link.published === 'invalid') notify('This link could not be opened; nothing was changed. It is not a published Cellar workbook: it is damaged.');
        else if (link.published) await links.openPublished(link.published, link.params);
      }
    },

    async newWorkbook() {
      await save();
      await open(core.newId(), createDocument(nextTitle(get().workbooks.map((w) => w.title))));
      await save();
    },

    async openWorkbook(id) {
      if (id === get().workbookId) return;
      await save();
      const record = await storage.loadWorkbook(id);
      if (!record) return notify('That workbook is gone.');
      try {
        await open(id, readDocument(record.doc), record);
      } catch (e) {
        notify(messageOf(e));
      }
      links.offerServerReview();
    },

    renameWorkbook(title) {
      const clean = title.trim() || 'Untitled workbook';
      void core.edit((doc) => ({ ...doc, title: clean }));
    },

    async deleteWorkbook(id) {
      const current = id === get().workbookId;
      if (current) await core.cancelSave();
      await storage.deleteWorkbook(id);
      set((s) => ({ workbooks: s.workbooks.filter((w) => w.id !== id) }));
      if (!current) return;
      const other = get().workbooks[0];
      const record = other && (await storage.loadWorkbook(other.id).catch(() => undefined));
      let doc = createDocument();
      try {
        if (record) doc = readDocument(record.doc);
      } catch (e) {
        notify(messageOf(e));
      }
      await open(record ? record.id : core.newId(), doc);
      if (!record) await save();
    },

    exportWorkbook() {
      return JSON.stringify(get().doc, null, 2);
    },

    async importWorkbook(text) {
      let doc: WorkbookDocument;
      try {
        doc = readDocument(text);
      } catch (e) {
        return notify(`Cannot import: ${messageOf(e)}`);
      }
      await save();
      await open(core.newId(), doc);
      await save();
    },

    async resolveUnopened(openIt) {
      const unopened = get().unopened;
      set({ unopened: undefined });
      if (!unopened) return;
      openGuard.end(unopened.id);
      if (openIt) await get().openWorkbook(unopened.id);
      else await get().deleteWorkbook(unopened.id);
    },

    notify(message, tone) {
      notify(message, tone);
    },

    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
}
