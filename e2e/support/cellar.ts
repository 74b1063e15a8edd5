import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real sample data the tests use, from the vega-datasets package. */
export const DATA = resolve('node_modules/vega-datasets/data');
export const data = (name: string) => join(DATA, name);

/** The app, as a person sees it, with the test contract's handles. */
export class Cellar {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.evaluate(() => window.cellar.ready);
  }

  /** Picks files with the drop zone's file input. */
  async addFiles(...paths: string[]): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(paths);
  }

  /** Drops files on the page the way a drag from the desktop does. */
  async dropFiles(files: { name: string; bytes: Buffer; type?: string }[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: f.bytes.toString('base64') }));
    const transfer = await this.page.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], item.name, { type: item.type }));
      }
      return dt;
    }, payload);
    await this.page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await this.page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await this.page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  }

  block(name: string): Locator {
    return this.page.locator(`[data-testid="block"][data-block-name="${name}"]`);
  }

  status(name: string): Locator {
    return this.block(name).getByTestId('block-status');
  }

  /** The id of the block's latest run (`data-run`); it changes when a new run of it starts. */
  async runId(name: string): Promise<string> {
    return (await this.block(name).getAttribute('data-run')) ?? '';
  }

  /**
   * Does `action`, which must re-run the existing block `name`, and waits until that run has
   * started; the status read after it is then this run's, never the one before.
   */
  async rerun(name: string, action: () => Promise<unknown>, timeout = 90_000): Promise<void> {
    const before = await this.runId(name);
    await action();
    await expect(this.block(name)).not.toHaveAttribute('data-run', before, { timeout });
  }

  /**
   * Waits for a block's run to settle and expects it to be ok. Pass `since` (a `runId` read before
   * an action, or use `rerun`) when the block already had a result: it waits for a newer run.
   */
  async expectOk(name: string, timeout = 90_000, since?: string): Promise<void> {
    await this.settled(name, timeout, since);
    const error = this.block(name).getByTestId('block-error');
    if (await error.count()) throw new Error(`${name} failed: ${await error.textContent()}`);
    await expect(this.status(name)).toHaveText(/^ok/);
  }

  /** Waits for a block's run to fail and returns its error text (`since` as in expectOk). */
  async expectError(name: string, timeout = 90_000, since?: string): Promise<string> {
    await this.settled(name, timeout, since);
    await expect(this.status(name)).toHaveText(/^error/);
    return (await this.block(name).getByTestId('block-error').textContent()) ?? '';
  }

  /** Until a run newer than `since` (any run, without it) has ended in ok or error. */
  private async settled(name: string, timeout: number, since?: string): Promise<void> {
    if (since !== undefined) await expect(this.block(name)).not.toHaveAttribute('data-run', since, { timeout });
    await expect(this.status(name)).toHaveText(/^(ok|error)/, { timeout });
  }

  async rowCount(name: string): Promise<number> {
    return Number(await this.block(name).getByTestId('row-count').textContent());
  }

  /** Runs SQL in the page's DuckDB, for checking what the UI shows against plain SQL. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return this.page.evaluate((text) => window.cellar.query(text), sql) as Promise<T[]>;
  }

  async scalar(sql: string): Promise<unknown> {
    const rows = await this.query(sql);
    return Object.values(rows[0] ?? {})[0];
  }

  /** Adds a SQL block, replaces its text and runs it with Ctrl+Enter. */
  async addSql(sql: string): Promise<string> {
    const before = await this.page.getByTestId('block').count();
    await this.page.getByTestId('add-block').click();
    await this.page.getByTestId('add-sql').click();
    const block = this.page.getByTestId('block').nth(before);
    const name = (await block.getAttribute('data-block-name')) ?? '';
    await this.setSql(name, sql);
    await this.block(name).getByTestId('sql-editor').press('Control+Enter');
    return name;
  }

  async setSql(name: string, sql: string): Promise<void> {
    const editor = this.block(name).getByTestId('sql-editor');
    await editor.click();
    await editor.press('Control+A');
    await editor.press('Delete');
    // insertText types it as one edit, without the editor's auto-closing of brackets.
    await this.page.keyboard.insertText(sql);
  }

  /** Adds a cell block; returns its name. */
  async addCell(): Promise<string> {
    const before = await this.page.getByTestId('block').count();
    await this.page.getByTestId('add-block').click();
    await this.page.getByTestId('add-cell').click();
    const block = this.page.getByTestId('block').nth(before);
    await expect(block).toHaveAttribute('data-block-kind', 'cell');
    return (await block.getAttribute('data-block-name')) ?? '';
  }

  /** Types a value into a value or text cell and commits it with Enter. */
  async setCell(name: string, text: string): Promise<void> {
    const input = this.block(name).getByTestId('cell-input');
    await input.fill(text);
    await input.press('Enter');
    await expect(this.block(name).getByTestId('cell-value')).toHaveText(text);
  }

  /** Renames a block from its header. */
  async rename(name: string, to: string): Promise<void> {
    await this.block(name).getByTestId('block-name').click();
    const input = this.page.getByTestId('rename-input');
    await input.fill(to);
    await input.press('Enter');
    await expect(this.block(to)).toBeVisible();
  }

  /** The grid's visible cells of one row, by ag-grid's row index (the block scrolled into view, as a person looks at it): each cell's raw `data-value` (the test contract), not its formatted text. */
  async gridRow(name: string, rowIndex: number): Promise<Record<string, string>> {
    await this.block(name).scrollIntoViewIfNeeded();
    // A grid that was out of view when its table changed fetches its pages once it comes near.
    await expect(this.block(name).locator('.grid-frame[data-stale]')).toHaveCount(0);
    const row = this.block(name).locator(`[role="row"][row-index="${rowIndex}"]`);
    let out: Record<string, string> = {};
    // Read again when the grid re-renders under the read (a new result, a workbook opened).
    await expect(async () => {
      await expect(row.locator('[role="gridcell"]').first()).not.toBeEmpty({ timeout: 5_000 });
      out = await row.evaluate((el) =>
        Object.fromEntries([...el.querySelectorAll('[role="gridcell"]')].map((c, i) => [c.getAttribute('col-id') ?? String(i), c.getAttribute('data-value') ?? ''])),
      );
      expect(Object.keys(out).length).toBeGreaterThan(0);
    }).toPass();
    return out;
  }
}

/** Writes a file for a test into its own output folder. */
export function writeTestFile(dir: string, name: string, contents: string | Buffer): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

export function copyTestFile(dir: string, from: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  copyFileSync(from, path);
  return path;
}

interface Fixtures {
  cellar: Cellar;
  /** URLs the page requested outside its own origin; a test that expects some clears them. */
  externalRequests: string[];
}

export const test = base.extend<Fixtures>({
  externalRequests: async ({ page, baseURL }, use) => {
    const external: string[] = [];
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) external.push(url);
    });
    await use(external);
  },
  cellar: async ({ page, externalRequests }, use) => {
    void externalRequests; // installed before the page loads anything
    const cellar = new Cellar(page);
    await cellar.open();
    await use(cellar);
  },
});

export { expect };
