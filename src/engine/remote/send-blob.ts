/** What the server answered an upload with. */
export interface SentBlob {
  status: number;
  statusText: string;
  text: string;
}

export interface SendBlobOptions {
  signal?: AbortSignal;
  /** Bytes sent so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * PUTs a Blob (a File: read from disk as it goes, never whole in memory) with upload progress.
 * Rejects with the transport's own error when no answer came, and with an AbortError when
 * `signal` aborted it; an HTTP error status resolves, for the caller to read.
 */
export function sendBlob(url: string, headers: Readonly<Record<string, string>>, body: Blob, options: SendBlobOptions = {}): Promise<SentBlob> {
  // XMLHttpRequest streams a File from disk and reports upload progress. fetch can do neither
  // in Chromium: a ReadableStream request body needs HTTP/2 there. Node has no XMLHttpRequest,
  // and its fetch streams over HTTP/1.1.
  return typeof XMLHttpRequest === 'function' ? sendWithXhr(url, headers, body, options) : sendWithFetch(url, headers, body, options);
}

function abortError(): DOMException {
  return new DOMException('The upload was aborted', 'AbortError');
}

function sendWithXhr(url: string, headers: Readonly<Record<string, string>>, body: Blob, { signal, onProgress }: SendBlobOptions): Promise<SentBlob> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, text: xhr.responseText });
    // XMLHttpRequest says nothing more about a failed connection than that it failed.
    xhr.onerror = () => reject(new TypeError('the connection failed'));
    xhr.onabort = () => reject(abortError());
    xhr.onloadend = () => signal?.removeEventListener('abort', abort);
    signal?.addEventListener('abort', abort);
    xhr.send(body);
  });
}

async function sendWithFetch(url: string, headers: Readonly<Record<string, string>>, body: Blob, { signal, onProgress }: SendBlobOptions): Promise<SentBlob> {
  let done = 0;
  const counted = body.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        done += chunk.byteLength;
        onProgress?.(done, body.size);
        controller.enqueue(chunk);
      },
    }),
  );
  // `duplex: 'half'` is required for a stream body; the DOM typings do not know it yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'PUT', headers: { ...headers }, body: counted, signal, duplex: 'half' };
  const response = await fetch(url, init);
  return { status: response.status, statusText: response.statusText, text: await response.text() };
}
