import type { TokenCreated, WorkbookCreated } from '../../../protocol';
import { ServerClient, type WorkbookOption } from './client';

// The server's document store and read-only tokens: what publishing a workbook needs. The engine
// knows no workbooks: a document is JSON it keeps and gives back.

/** Stores a JSON document on the server (admin token), as `workbook`'s; its id. */
export async function storeDocument(url: string, token: string, document: unknown, workbook?: WorkbookOption): Promise<string> {
  const client = new ServerClient(url, token, workbook);
  const answer = await client.json<WorkbookCreated>('/api/workbooks', { method: 'POST', body: JSON.stringify(document) }, { purpose: 'query' });
  return answer.id;
}

/** A document the server keeps (any token). */
export function loadDocument(url: string, token: string, id: string): Promise<unknown> {
  return new ServerClient(url, token).json<unknown>(`/api/workbooks/${encodeURIComponent(id)}`, {}, { purpose: 'query' });
}

/**
 * A new read-only token (admin token): what a published link carries. It reads `workbook`'s
 * tables and nothing else on the server; without a workbook, only the server's shared tables.
 */
export async function createReadToken(url: string, token: string, workbook?: WorkbookOption): Promise<string> {
  const answer = await new ServerClient(url, token, workbook).json<TokenCreated>('/api/tokens', { method: 'POST', body: '{}' }, { purpose: 'query' });
  return answer.token;
}
