import { createReadToken, loadDocument, messageOf, pushTable, storeDocument } from '../../engine';
import { isTableBlock, readDocument, share, type Block, type WorkbookDocument } from '../../workbook';
import { getRemote, useServer } from '../server';
import { buildShareLink, filesOf, publishedLink, type PublishedRef } from '../share';
import * as storage from '../storage';
import type { WorkbookState } from '../workbook-store';
import type { StoreCore } from './core';
import type { LinkOpener } from './workbooks';

/** Sharing: a link with the workbook inside, publishing to a server, and opening links with the person's consent. */
export type ShareActions = Pick<WorkbookState, 'shareLink' | 'publish' | 'openLink' | 'resolveLink' | 'allowHost'>;

export function shareFlow(core: StoreCore): { actions: ShareActions; opener: LinkOpener } {
  const { get, set, notify, save, runtime, access } = core;

  /** A published workbook lives on a server: the person agrees to that host before anything is fetched. */
  async function openPublished(ref: PublishedRef, params: URLSearchParams): Promise<void> {
    access.pendingPublished = { ref, params };
    set({ pendingLink: { title: 'A published workbook', hosts: [new URL(ref.url).host] } });
  }

  /** Connects to the published workbook's server (its read-only token), reads the workbook, opens it. */
  async function loadPublished(ref: PublishedRef, params: URLSearchParams): Promise<void> {
    let doc: WorkbookDocument;
    try {
      await useServer.getState().connect(ref.url, ref.token);
      doc = readDocument(await loadDocument(ref.url, ref.token, ref.id));
    } catch (e) {
      return notify(`This published workbook could not be opened; nothing was changed. ${messageOf(e)}`);
    }
    const applied = share.applyLinkParams(doc, params);
    const serverHost = new URL(ref.url).host;
    const others = share.externalHosts(applied.doc, window.location.origin).filter((h) => h !== serverHost);
    const bundle = { doc: applied.doc, files: [], missing: [] };
    // The person agreed to its server: the workbook may read from it (with the link's read-only token).
    const servers = [useServer.getState().url ?? ref.url];
    if (others.length === 0) return importLink({ bundle, applied: applied.applied }, [serverHost], servers);
    // Its own URL tables or SQL name other hosts: those are asked about too.
    access.pendingBundle = { bundle, applied: applied.applied, servers };
    set({ pendingLink: { title: doc.title, hosts: [serverHost, ...others] } });
  }

  /** Opens a link's workbook as a new one: its files kept like dropped ones, fetching only from `hosts`. */
  async function importLink({ bundle, applied }: { bundle: share.ShareBundle; applied: string[] }, hosts: string[], allowedServers: string[] = []): Promise<void> {
    // The open workbook is kept, unless it is the empty one a first visit starts with.
    const { doc, workbookId, workbooks } = get();
    if (doc.blocks.length > 0 || workbooks.some((w) => w.id === workbookId)) await save();
    const id = core.newId();
    const linkFiles = filesOf(bundle);
    for (const [blockId, file] of linkFiles) void storage.keepFile(id, blockId, file).catch(() => undefined);
    await core.open(id, bundle.doc, { allowedHosts: hosts, allowedServers, placeholders: bundle.missing, files: linkFiles });
    await save();
    offerServerReview();
    if (applied.length) notify(`Opened from a link with ${applied.join(', ')} set by the link.`, 'info');
  }

  function offerServerReview() {
    if (access.server.kind !== 'linked' || !getRemote()) return;
    void core.waitFor(get().doc.blocks.map((b) => b.id)).then(() => {
      if (get().doc.blocks.some((b) => runtime.runOf(b.id).error?.kind === 'consent')) get().reviewServer();
    });
  }

  const actions: ShareActions = {
    async shareLink() {
      await runtime.applied();
      const { doc, workbookId, runs } = get();
      const files = new Map(doc.blocks.flatMap((b) => {
        const file = runtime.node(b.id).file;
        return file ? [[b.id, file] as const] : [];
      }));
      return buildShareLink({ doc, workbookId, files, runs, base: window.location.href });
    },

    async publish(onProgress) {
      const remote = getRemote();
      const { url, token, readOnly, status } = useServer.getState();
      if (!remote || !url || !token || status !== 'connected') throw new Error('Connect to a server first (Server, in the toolbar).');
      if (readOnly) throw new Error('This server token is read-only: publishing needs the server\'s own token.');
      await runtime.applied();
      const engine = await runtime.engine();
      const blocks: Block[] = [];
      for (const b of get().doc.blocks) {
        if (!isTableBlock(b) || b.source.kind !== 'file') {
          blocks.push(b);
          continue;
        }
        onProgress?.(`Uploading ${b.name}…`);
        await pushTable(engine, remote, b.name, { replace: true });
        blocks.push({ ...b, source: { kind: 'server', table: b.name, format: b.source.format, fileName: b.source.fileName } });
      }
      onProgress?.('Saving the workbook on the server…');
      const id = await storeDocument(url, token, { ...get().doc, blocks }, get().workbookId);
      const readToken = await createReadToken(url, token, get().workbookId);
      return publishedLink(window.location.href, { url, id, token: readToken });
    },

    async openLink(payload, params = new URLSearchParams()) {
      let bundle: share.ShareBundle;
      try {
        bundle = share.decodeShareLink(payload);
      } catch (e) {
        return notify(`This link could not be opened; nothing was changed. ${messageOf(e)}`);
      }
      const { doc, applied } = share.applyLinkParams(bundle.doc, params);
      bundle = { ...bundle, doc };
      const hosts = share.externalHosts(doc, window.location.origin);
      if (hosts.length === 0) return importLink({ bundle, applied }, []);
      access.pendingBundle = { bundle, applied };
      set({ pendingLink: { title: doc.title, hosts } });
    },

    async resolveLink(allow) {
      const pending = access.pendingBundle;
      const waiting = access.pendingPublished;
      const hosts = get().pendingLink?.hosts ?? [];
      access.pendingBundle = undefined;
      access.pendingPublished = undefined;
      set({ pendingLink: undefined });
      if (pending) await importLink(pending, allow ? hosts : [], allow ? pending.servers : []);
      else if (waiting && allow) await loadPublished(waiting.ref, waiting.params);
      else if (waiting) notify('The published workbook was not opened: nothing was fetched from its server.', 'info');
    },

    async allowHost(host) {
      if (!access.hosts || access.hosts.includes(host)) return;
      access.hosts = [...access.hosts, host];
      const blocked = get().doc.blocks.filter((b) => runtime.runOf(b.id).status === 'error' && runtime.runOf(b.id).error?.message.includes(`${host} is not among the hosts`));
      for (const b of blocked) runtime.patchRun(b.id, { status: 'stale', queued: true });
      runtime.flush();
      (await runtime.engine()).setNetworkPolicy(access.hosts);
      await save();
      if (blocked.length) void runtime.rerun(blocked.map((b) => b.id));
    },
  };
  return { actions, opener: { openPublished, offerServerReview } };
}
