import type { Table } from 'apache-arrow';
import { quoteIdent, quoteLiteral } from '../sql';
import { EngineError } from './errors';
import type { ColumnInfo, TableInfo } from './types';

/** What a name in the catalog is. */
export type RelationKind = 'table' | 'view';

/** The tables and views of an engine: what there is, and the cheap changes to it. */
export interface Catalog {
  /** Every table and view, with its columns. */
  tables(): Promise<TableInfo[]>;
  /** A relation's columns as DuckDB types them; none when there is no such relation. */
  describe(name: string): Promise<ColumnInfo[]>;
  /** Renames a table or view; a catalog change, the data stays. */
  rename(from: string, to: string): Promise<void>;
  /** Drops a table or view by that name, if there is one; with `only`, only a relation of that kind. */
  drop(name: string, only?: RelationKind): Promise<void>;
  /** Whether `name` is a table, a view, or nothing, in the engine's schema. */
  kind(name: string): Promise<RelationKind | undefined>;
}

/** Runs one catalog statement (no parameters) and returns its answer. */
export type CatalogStatement = (sql: string) => Promise<Table>;

/**
 * The catalog by SQL: each operation's statement and the reading of its answer, written once for
 * every engine. An engine hands it the way it runs a catalog statement (the browser engine: one
 * message to its worker) and may answer some questions another way (the remote engine's routes).
 */
export class SqlCatalog implements Catalog {
  constructor(protected readonly run: CatalogStatement) {}

  async tables(): Promise<TableInfo[]> {
    const result = await this.run(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, ColumnInfo[]>();
    for (const row of result.toArray()) {
      const name = String(row.table_name);
      const columns = byTable.get(name) ?? [];
      columns.push({ name: String(row.column_name), type: String(row.data_type) });
      byTable.set(name, columns);
    }
    return [...byTable].map(([name, columns]) => ({ name, columns }));
  }

  async describe(name: string): Promise<ColumnInfo[]> {
    // DESCRIBE reads the catalog entry directly: ~2 ms in DuckDB-WASM, against ~10 ms for the
    // information_schema view — paid by every block run.
    const result = await this.run(`DESCRIBE ${quoteIdent(name)}`).catch((e: unknown) => {
      if (e instanceof EngineError && /does not exist/i.test(e.message)) return undefined;
      throw e;
    });
    return result?.toArray().map((row) => ({ name: String(row.column_name), type: String(row.column_type) })) ?? [];
  }

  async rename(from: string, to: string): Promise<void> {
    const kind = (await this.kind(from)) === 'view' ? 'VIEW' : 'TABLE';
    await this.run(`ALTER ${kind} ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
  }

  async drop(name: string, only?: RelationKind): Promise<void> {
    // One cheap statement (~1 ms), not a catalog lookup first (~10 ms, paid several times by
    // every block run). DROP TABLE refuses a view by that name and DROP VIEW a table, in words.
    const first = only === 'view' ? 'VIEW' : 'TABLE';
    try {
      await this.run(`DROP ${first} IF EXISTS ${quoteIdent(name)}`);
    } catch (e) {
      if (!(e instanceof EngineError) || !/is of type (View|Table)/i.test(e.message)) throw e;
      if (!only) await this.run(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
    }
  }

  async kind(name: string): Promise<RelationKind | undefined> {
    const result = await this.run(
      `SELECT table_type FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${quoteLiteral(name)}`,
    );
    const type = result.numRows > 0 ? String(result.get(0)?.table_type) : undefined;
    return type === 'VIEW' ? 'view' : type ? 'table' : undefined;
  }
}
