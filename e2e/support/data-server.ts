import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface DataServer {
  /** Base URL, on another port than the app, so it is a different origin. */
  url: string;
  /** Every request received: path, method and Range header. */
  requests: { path: string; method: string; range?: string }[];
  close(): Promise<void>;
}

/**
 * A static file server for the URL tests, with HTTP range support. `cors: false` leaves out the
 * CORS headers, as a host that does not allow cross-origin reads would.
 */
export async function startDataServer(root: string, options: { cors: boolean }): Promise<DataServer> {
  const requests: DataServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, method: req.method ?? 'GET', range: req.headers.range });
    if (options.cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const file = join(root, path.replace(/\.\.+/g, ''));
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.setHeader('Accept-Ranges', 'bytes');
    const match = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (match) {
      const start = match[1] === '' ? size - Number(match[2]) : Number(match[1]);
      const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
