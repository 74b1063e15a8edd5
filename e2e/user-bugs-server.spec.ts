import { data, expect, test } from './support/cellar';
import { serverForFile } from './support/server';

// Regressions found by trying the app as a new user would (issue 16), against a real server process.
const running = serverForFile();

test('pushing a table showed a bar with no percentage and left no "on server" mark on the block', async ({ cellar, page }) => {
  test.setTimeout(240_000);
  const server = running();
  await cellar.addFiles(data('flights-3m.parquet'));
  await cellar.expectOk('flights_3m', 120_000);
  await page.getByTestId('server-button').click();
  await page.getByTestId('server-url').fill(server.url);
  await page.getByTestId('server-token').fill(server.token);
  await page.getByTestId('server-connect').click();
  await expect(page.getByTestId('server-status')).toContainText(`Connected to ${server.url}`);
  await page.keyboard.press('Escape');
  const block = cellar.block('flights_3m');
  await expect(block.getByTestId('on-server')).toHaveCount(0);
  await block.getByTestId('push-table').click();
  await expect(block.getByTestId('progress-text')).toHaveText(/Pushing to the server: \d+%/, { timeout: 60_000 });
  await expect(page.getByTestId('notice').last()).toContainText('flights_3m is on the server now', { timeout: 120_000 });
  await expect(block.getByTestId('progress-text')).toHaveCount(0);
  await expect(block.getByTestId('on-server')).toHaveText('on server');
  await expect(block.getByTestId('push-table')).toHaveText('Push again');
});
