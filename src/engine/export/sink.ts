/** Where an export's bytes go. */
export interface ExportSink {
  /** `file`: straight to a file the person picked; `download`: gathered in memory, then downloaded. */
  readonly kind: 'file' | 'download';
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface SinkFile {
  name: string;
  /** MIME type, and a description for the save dialog. */
  type: string;
  description: string;
}

// The File System Access API, which TypeScript's DOM library does not declare yet.
interface SaveFilePicker {
  showSaveFilePicker(options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{
    createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
  }>;
}

const hasPicker = (w: object): w is SaveFilePicker => 'showSaveFilePicker' in w && typeof w.showSaveFilePicker === 'function';

/**
 * A sink for `file`: the save dialog and a writable stream to disk when the browser has the File
 * System Access API (Chromium), so the file never sits in the page; elsewhere a download of a Blob
 * made from the chunks, which holds the whole file in memory until it is saved. `undefined` when
 * the person closed the save dialog. Call it first in a click handler: the dialog needs the click.
 */
export async function openSink(file: SinkFile): Promise<ExportSink | undefined> {
  if (!hasPicker(self)) return downloadSink(file);
  const extension = file.name.slice(file.name.lastIndexOf('.'));
  let handle;
  try {
    handle = await self.showSaveFilePicker({ suggestedName: file.name, types: [{ description: file.description, accept: { [file.type]: [extension] } }] });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined;
    // A page in a cross-origin frame, or a policy that forbids it: download instead.
    return downloadSink(file);
  }
  const writable = await handle.createWritable();
  return {
    kind: 'file',
    write: (bytes) => writable.write(bytes),
    close: () => writable.close(),
    abort: () => writable.abort().catch(() => undefined),
  };
}

/** Chunks gathered into a Blob and saved with an `<a download>`. */
export function downloadSink(file: SinkFile): ExportSink {
  let parts: Uint8Array[] = [];
  return {
    kind: 'download',
    write: async (bytes) => void parts.push(bytes),
    close: async () => {
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: file.type }));
      parts = [];
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      // Revoked later: the download reads the Blob after the click returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort: async () => void (parts = []),
  };
}

/** A sink that keeps the bytes, for tests and for callers that want them. */
export function memorySink(): ExportSink & { bytes(): Uint8Array } {
  const parts: Uint8Array[] = [];
  return {
    kind: 'download',
    write: async (bytes) => void parts.push(bytes),
    close: async () => undefined,
    abort: async () => void (parts.length = 0),
    bytes: () => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
  };
}
