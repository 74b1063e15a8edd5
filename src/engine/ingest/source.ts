import { EngineError, messageOf } from '../errors';
import type { DataSource } from '../types';

/** A short name for messages: the file name, or the URL's last path segment. */
export function sourceLabel(source: DataSource): string {
  if (source.kind === 'file') return source.file.name;
  try {
    const url = new URL(source.url);
    return decodeURIComponent(url.pathname.split('/').pop() || url.host);
  } catch {
    return source.url;
  }
}

export interface SourceHead {
  bytes: Uint8Array;
  /** Total size when known. */
  size: number | undefined;
}

const HEAD_BYTES = 4096;

/**
 * Reads the first bytes of a source. For a URL this is also the reachability check, so a failed
 * or CORS-blocked URL is reported in words before DuckDB or the Parquet reader touch it.
 */
export async function readHead(source: DataSource, signal?: AbortSignal): Promise<SourceHead> {
  if (source.kind === 'file') {
    const bytes = new Uint8Array(await source.file.slice(0, HEAD_BYTES).arrayBuffer());
    return { bytes, size: source.file.size };
  }
  const { url } = source;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EngineError('network', `${url} is not a valid URL.`, { file: url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EngineError('network', `Only http(s) URLs can be added, not ${parsed.protocol}`, { file: url });
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: { Range: `bytes=0-${HEAD_BYTES - 1}` }, signal });
  } catch (e) {
    if (signal?.aborted) throw new EngineError('cancelled', 'Cancelled', { file: url });
    // fetch gives no detail on purpose: a CORS refusal and an unreachable host look the same.
    throw new EngineError(
      'network',
      `Could not fetch ${url}: the host ${parsed.host} is unreachable or does not allow this page to read it (CORS). ` +
        `(${messageOf(e)})`,
      { file: url },
      { cause: e },
    );
  }
  if (!response.ok) {
    throw new EngineError('network', `Could not fetch ${url}: the server answered ${response.status} ${response.statusText}.`.trim(), {
      file: url,
    });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes: bytes.subarray(0, HEAD_BYTES), size: totalSize(response, bytes.length) };
}

function totalSize(response: Response, received: number): number | undefined {
  const range = response.headers.get('Content-Range');
  const total = range ? Number(range.split('/')[1]) : NaN;
  if (Number.isFinite(total)) return total;
  // A server that ignores Range sends the whole file with status 200.
  if (response.status === 200) return received;
  return undefined;
}

/** The source's bytes as a stream, with its size when known (0 when not). */
export async function openStream(source: DataSource, signal?: AbortSignal): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  if (source.kind === 'file') return { stream: source.file.stream(), size: source.file.size };
  const response = await fetch(source.url, { signal });
  if (!response.ok || !response.body) {
    throw new EngineError('network', `Could not fetch ${source.url}: the server answered ${response.status} ${response.statusText}.`.trim(), {
      file: source.url,
    });
  }
  return { stream: response.body, size: Number(response.headers.get('Content-Length') ?? 0) };
}
