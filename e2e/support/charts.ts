import { expect, type Cellar } from './cellar';

/** Adds a chart of the last table from the Add block menu and waits for it to be drawn; returns its name. */
export async function addChart(cellar: Cellar): Promise<string> {
  const charts = cellar.page.locator('[data-testid="block"][data-block-kind="chart"]');
  const names = async () => Promise.all((await charts.all()).map(async (c) => (await c.getAttribute('data-block-name')) ?? ''));
  const before = await names();
  await cellar.page.getByTestId('add-block').click();
  await cellar.page.getByTestId('add-chart').click();
  await expect(charts).toHaveCount(before.length + 1);
  // A chart goes right after the block it draws, so the new one is found by name.
  const name = (await names()).find((n) => !before.includes(n))!;
  await drawn(cellar, name);
  return name;
}

/** Waits for a chart to be ok and drawn by Vega. */
export async function drawn(cellar: Cellar, name: string): Promise<void> {
  await cellar.expectOk(name, 120_000);
  await expect(cellar.block(name).locator('[data-testid="chart-view"][data-rendered="true"]')).toBeVisible({ timeout: 60_000 });
}

/** Sets a chart's spec through its JSON editor. */
export async function typeSpec(cellar: Cellar, name: string, spec: unknown): Promise<void> {
  const block = cellar.block(name);
  if ((await block.getByTestId('chart-spec-editor').count()) === 0) await block.getByTestId('chart-spec-toggle').click();
  const editor = block.getByTestId('chart-spec-editor');
  await editor.click();
  await editor.press('Control+A');
  await editor.press('Delete');
  await cellar.page.keyboard.insertText(typeof spec === 'string' ? spec : JSON.stringify(spec));
}
