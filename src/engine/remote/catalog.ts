import type { TableInfo as ServerTableInfo } from '../../../protocol';
import { SqlCatalog, type CatalogStatement, type RelationKind } from '../catalog';
import type { TableInfo } from '../types';
import type { ServerClient } from './client';
import { responseError } from './errors';

/**
 * The routes take a name as it is only when it is plain: they rename what is not [A-Za-z0-9_]
 * (DELETE /api/tables/a-b drops a_b), so other names go by SQL.
 */
const PLAIN = /^[A-Za-z0-9_]{1,128}$/;

/**
 * A server's catalog: SQL for what the routes cannot say, the routes for the rest. The routes
 * look in the request's workbook and answer read-only tokens too, which may not read DuckDB's
 * catalog (it lists every workbook's tables); `tables` gets each relation's kind and rows there.
 */
export class RemoteCatalog extends SqlCatalog {
  constructor(
    run: CatalogStatement,
    private readonly client: ServerClient,
  ) {
    super(run);
  }

  override async tables(): Promise<TableInfo[]> {
    const tables = await this.client.json<ServerTableInfo[]>('/api/tables', {}, { purpose: 'query' });
    return tables.map((t) => ({ name: t.name, columns: t.columns, kind: t.kind, rows: t.rows }));
  }

  override async kind(name: string): Promise<RelationKind | undefined> {
    if (!PLAIN.test(name)) return super.kind(name);
    const response = await this.client.fetch(`/api/tables/${name}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw await responseError(response, { url: this.client.url, purpose: 'query' });
    return ((await response.json()) as ServerTableInfo).kind;
  }

  override async drop(name: string, only?: RelationKind): Promise<void> {
    // The route drops either kind: one kind only goes by SQL.
    if (only || !PLAIN.test(name)) return super.drop(name, only);
    const response = await this.client.fetch(`/api/tables/${name}`, { method: 'DELETE' });
    // 404: no such table, which is what dropping it was for.
    if (!response.ok && response.status !== 404) throw await responseError(response, { url: this.client.url, purpose: 'query' });
  }
}
