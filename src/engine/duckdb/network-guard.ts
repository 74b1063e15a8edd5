// Which hosts DuckDB may fetch from. DuckDB-WASM reads any http(s) URL a statement names (its
// worker opens them with XMLHttpRequest), so a workbook opened from a link could send data
// anywhere. The worker is started behind a guard that refuses, inside the worker, every URL whose
// host the person has not allowed; the page's own origin is always allowed.

/** `any` for the person's own workbooks; a list of hosts (host[:port]) for one opened from a link. */
export type NetworkPolicy = 'any' | readonly string[];

/** The message the guard takes; it never reaches DuckDB's own handler. */
export const POLICY_MESSAGE = 'cellar:network-policy';

/** Why a URL was not fetched, in words. */
export function blockedMessage(url: string, host: string): string {
  return `Cellar did not fetch ${url}: ${host} is not among the hosts this workbook may read from. Allow it from the workbook's notice to read it.`;
}

/** Whether `policy` lets the page fetch `url` (same-origin, blob: and data: always). */
export function allows(policy: NetworkPolicy, url: string, origin: string): boolean {
  if (policy === 'any') return true;
  let u: URL;
  try {
    u = new URL(url, origin);
  } catch {
    return false;
  }
  return u.protocol === 'blob:' || u.protocol === 'data:' || u.origin === new URL(origin).origin || policy.includes(u.host);
}

/**
 * Runs in the worker before DuckDB's script: wraps XMLHttpRequest.open and fetch. Self-contained
 * (it is sent as source text), so it reads nothing from this module.
 */
function installGuard(scope: {
  location: Location;
  fetch: typeof fetch;
  XMLHttpRequest: typeof XMLHttpRequest;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}): void {
  let hosts: readonly string[] | null = null;
  scope.addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { type?: string; hosts?: readonly string[] | null } | null;
    if (data?.type !== 'cellar:network-policy') return;
    hosts = data.hosts ?? null;
    e.stopImmediatePropagation();
  });
  const check = (raw: string) => {
    if (hosts === null) return;
    const url = new URL(raw, scope.location.href);
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.origin === scope.location.origin || hosts.includes(url.host)) return;
    throw new Error(`Cellar did not fetch ${url.href}: ${url.host} is not among the hosts this workbook may read from. Allow it from the workbook's notice to read it.`);
  };
  const open = scope.XMLHttpRequest.prototype.open;
  scope.XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    check(String(url));
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof open;
  const fetchFn = scope.fetch;
  scope.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    check(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return fetchFn.call(scope, input, init);
  }) as typeof fetch;
}

/** A worker URL that installs the guard and then loads DuckDB's worker script from `workerUrl`. */
export function guardedWorkerUrl(workerUrl: string): string {
  const absolute = new URL(workerUrl, self.location.href).href;
  const source = `(${installGuard.toString()})(self);\nimportScripts(${JSON.stringify(absolute)});\n`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}
