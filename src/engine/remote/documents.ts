import type { TokenCreated, WorkbookCreated } from '../../../server/protocol';
import { ServerClient } from './client';

// The server's document store and read-only tokens: what publishing a workbook needs. The engine
// knows no workbooks: a document is JSON it keeps and gives back.

/** Stores a JSON document on the server (admin token); its id. */
export async function storeDocument(url: string, token: string, document: unknown): Promise<string> {
  const client = new ServerClient(url, token);
  const answer = await client.json<WorkbookCreated>('/api/workbooks', { method: 'POST', body: JSON.stringify(document) }, { purpose: 'query' });
  return answer.id;
}

/** A document the server keeps (any token). */
export function loadDocument(url: string, token: string, id: string): Promise<unknown> {
  return new ServerClient(url, token).json<unknown>(`/api/workbooks/${encodeURIComponent(id)}`, {}, { purpose: 'query' });
}

/** A new read-only token (admin token): what a published link carries. */
export async function createReadToken(url: string, token: string): Promise<string> {
  const answer = await new ServerClient(url, token).json<TokenCreated>('/api/tokens', { method: 'POST', body: '{}' }, { purpose: 'query' });
  return answer.token;
}
