// Tests only: the catalog part of the Engine contract (engine-suite.ts runs it on every engine).
import { describe, expect, test } from 'vitest';
import type { Engine } from '../types';
import { engineError } from './engine-suite';

/** The catalog's contract, on the engine `current` gives once the suite has started it. */
export function catalogSuite(current: () => Engine): void {
  describe('the catalog', () => {
    const count = async (name: string) => (await current().query(`SELECT count(*)::INTEGER AS n FROM ${name}`)).get(0)?.n;

    test('tables, describe and kind see tables and views', async () => {
      const engine = current();
      await engine.query("CREATE TABLE suite_items AS SELECT range::INTEGER AS id, 'item ' || range AS label FROM range(5)");
      await engine.query('CREATE VIEW suite_items_view AS SELECT id FROM suite_items WHERE id > 2');
      const tables = await engine.catalog.tables();
      expect(tables).toContainEqual(
        expect.objectContaining({ name: 'suite_items', columns: [{ name: 'id', type: 'INTEGER' }, { name: 'label', type: 'VARCHAR' }] }),
      );
      expect(tables).toContainEqual(expect.objectContaining({ name: 'suite_items_view', columns: [{ name: 'id', type: 'INTEGER' }] }));
      expect(await engine.catalog.describe('suite_items')).toEqual([{ name: 'id', type: 'INTEGER' }, { name: 'label', type: 'VARCHAR' }]);
      expect(await engine.catalog.describe('suite_nothing')).toEqual([]);
      expect(await engine.catalog.kind('suite_items')).toBe('table');
      expect(await engine.catalog.kind('suite_items_view')).toBe('view');
      expect(await engine.catalog.kind('suite_nothing')).toBeUndefined();
    });

    test('tables lists each relation once', async () => {
      const names = (await current().catalog.tables()).map((t) => t.name);
      expect(names.filter((n) => n === 'suite_items')).toHaveLength(1);
      expect(names.filter((n) => n === 'suite_items_view')).toHaveLength(1);
    });

    test('rename renames tables and views, keeping their rows', async () => {
      const { catalog } = current();
      await catalog.rename('suite_items_view', 'suite_view');
      await catalog.rename('suite_items', 'suite_things');
      expect(await catalog.kind('suite_things')).toBe('table');
      expect(await catalog.kind('suite_view')).toBe('view');
      expect(await catalog.kind('suite_items')).toBeUndefined();
      expect(await count('suite_things')).toBe(5);
    });

    test('renaming a relation that is not there is an sql error naming it', async () => {
      const error = await engineError(current().catalog.rename('suite_missing', 'suite_other'));
      expect(error.kind).toBe('sql');
      expect(error.message).toContain('suite_missing');
      expect(await current().catalog.kind('suite_other')).toBeUndefined();
    });

    test('drop drops a table or a view, and a name that is not there quietly', async () => {
      const { catalog } = current();
      await catalog.drop('suite_view');
      await catalog.drop('suite_things');
      await catalog.drop('suite_nothing');
      const names = (await catalog.tables()).map((t) => t.name);
      expect(names).not.toContain('suite_view');
      expect(names).not.toContain('suite_things');
    });

    test('drop with a kind drops only a relation of that kind', async () => {
      const engine = current();
      await engine.query('CREATE TABLE suite_kind_t AS SELECT 1 AS v');
      await engine.query('CREATE VIEW suite_kind_v AS SELECT 1 AS v');
      await engine.catalog.drop('suite_kind_t', 'view');
      await engine.catalog.drop('suite_kind_v', 'table');
      await engine.catalog.drop('suite_nothing', 'view');
      expect(await engine.catalog.kind('suite_kind_t')).toBe('table');
      expect(await engine.catalog.kind('suite_kind_v')).toBe('view');
      await engine.catalog.drop('suite_kind_t', 'table');
      await engine.catalog.drop('suite_kind_v', 'view');
      expect(await engine.catalog.kind('suite_kind_t')).toBeUndefined();
      expect(await engine.catalog.kind('suite_kind_v')).toBeUndefined();
    });

    test('drop with a kind keeps the other kind under a name that needs quoting too', async () => {
      const engine = current();
      await engine.query('CREATE TABLE "kind t-1" AS SELECT 1 AS v');
      await engine.query('CREATE VIEW "kind v-1" AS SELECT 1 AS v');
      await engine.catalog.drop('kind t-1', 'view');
      await engine.catalog.drop('kind v-1', 'table');
      expect(await engine.catalog.kind('kind t-1')).toBe('table');
      expect(await engine.catalog.kind('kind v-1')).toBe('view');
      await engine.catalog.drop('kind t-1');
      await engine.catalog.drop('kind v-1');
      expect(await engine.catalog.kind('kind t-1')).toBeUndefined();
      expect(await engine.catalog.kind('kind v-1')).toBeUndefined();
    });

    test('names that need quoting work everywhere', async () => {
      const engine = current();
      await engine.query('CREATE TABLE "odd name-1" AS SELECT 1 AS "a b"');
      expect(await engine.catalog.describe('odd name-1')).toEqual([{ name: 'a b', type: 'INTEGER' }]);
      await engine.catalog.rename('odd name-1', 'odd name-2');
      expect(await engine.catalog.kind('odd name-2')).toBe('table');
      expect(await count('"odd name-2"')).toBe(1);
      await engine.catalog.drop('odd name-2');
      expect(await engine.catalog.kind('odd name-2')).toBeUndefined();
    });
  });
}
