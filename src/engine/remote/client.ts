import { WORKBOOK_HEADER } from '../../../protocol';
import { EngineError } from '../errors';
import { responseError, unreachable, type ErrorScene } from './errors';

/** A server's base URL without trailing slashes; refuses anything but http(s). */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new EngineError('network', `${url} is not a server address: give one like http://127.0.0.1:4180`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EngineError('network', `${url} is not a server address: it must start with http:// or https://`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * The workbook requests are for: an id, or a function asked at each request (the app's open
 * workbook changes). The server keeps each workbook's tables in a namespace of its own.
 */
export type WorkbookOption = string | (() => string | undefined);

/** The requests every remote call makes: the token on each, and failures turned into EngineErrors. */
export class ServerClient {
  readonly url: string;

  constructor(
    url: string,
    readonly token: string,
    private readonly workbook?: WorkbookOption,
  ) {
    this.url = normalizeUrl(url);
  }

  /** The Authorization header's value. */
  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  /** The headers every request carries: the token, and the workbook when there is one. */
  get headers(): Record<string, string> {
    const workbook = typeof this.workbook === 'function' ? this.workbook() : this.workbook;
    return { Authorization: this.authorization, ...(workbook ? { [WORKBOOK_HEADER]: workbook } : {}) };
  }

  /** fetch with the token; a connection that never answers becomes an `unreachable` error. */
  async fetch(route: string, init: RequestInit = {}, context: { sql?: string; file?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers)) headers.set(name, value);
    if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
    try {
      return await fetch(this.url + route, { ...init, headers });
    } catch (e) {
      if (init.signal?.aborted) throw e;
      throw unreachable(this.url, e, context);
    }
  }

  /** A JSON answer, or the EngineError the server answered with. */
  async json<T>(route: string, init: RequestInit, scene: Omit<ErrorScene, 'url'>): Promise<T> {
    const response = await this.fetch(route, init, scene);
    if (!response.ok) throw await responseError(response, { ...scene, url: this.url });
    try {
      // The server's answers are typed by protocol/index.ts; this is where they cross over.
      return (await response.json()) as T;
    } catch (e) {
      // A body cut off mid-way is a lost server; a body that is not JSON is not our server.
      if (!(e instanceof SyntaxError)) throw unreachable(this.url, e, scene);
      throw new EngineError('network', `The server at ${this.url} answered ${route} with something that is not JSON; is it a Cellar server?`);
    }
  }

  /** POSTs a JSON body and reads the JSON answer. */
  post<T>(route: string, body: unknown, scene: Omit<ErrorScene, 'url'>, signal?: AbortSignal): Promise<T> {
    return this.json<T>(route, { method: 'POST', body: JSON.stringify(body), signal }, scene);
  }
}
