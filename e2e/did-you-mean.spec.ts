import { data, expect, test } from './support/cellar';

test("a pivot's aggregate formula with a misspelled column says which column was meant", async ({ cellar, page }) => {
  await cellar.addFiles(data('seattle-weather.csv'));
  await cellar.expectOk('seattle_weather');
  await cellar.block('seattle_weather').getByTestId('pivot-table').click();
  const pivot = cellar.block('seattle_weather_pivot');
  await cellar.expectOk('seattle_weather_pivot');
  await pivot.getByTestId('pivot-add-value').click();
  await pivot.getByTestId('pivot-value').nth(1).getByTestId('pivot-value-aggregate').selectOption('formula');
  await cellar.expectOk('seattle_weather_pivot');
  const since = await cellar.runId('seattle_weather_pivot');
  const editor = pivot.getByTestId('pivot-value-formula');
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('=SUM([precipitaton])');
  await page.keyboard.press('Control+Enter');
  expect(await cellar.expectError('seattle_weather_pivot', 60_000, since)).toContain('no column precipitaton — did you mean precipitation?');
});
