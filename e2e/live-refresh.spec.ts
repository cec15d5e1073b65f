/**
 * Live refresh: when Codex rewrites a cache file, main fires `status:changed` and the popup
 * rescans without a click (the harness fires the event after changing the files, as main's
 * watcher does).
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';

test.use({ home: { fixture: 'stale-link' } });

test('Codex rewrites the tools cache with a new link: the row and header update on status:changed', async ({ openPopup, backend }) => {
  const page = await openPopup();
  const linear = page.locator(`[data-connector-id="${LINEAR}"]`);
  await expect(linear.getByTestId('health')).toHaveText('Needs reconnecting');
  backend.regenerate(TOOLS, 'after-regeneration');
  await backend.changed(page);
  await expect(linear.getByTestId('link-id')).toHaveAttribute('data-full', 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9');
  await expect(linear.getByTestId('health')).toHaveText('Healthy');
  await expect(page.getByTestId('summary')).toHaveText('All 2 linked connectors are healthy');
});

test('a cache file turning corrupt underneath shows up as a file problem', async ({ openPopup, backend }) => {
  const page = await openPopup();
  await expect(page.getByTestId('file-problems')).toHaveCount(0);
  writeFileSync(backend.file('cache/codex_app_directory/e533e961a0a2a4d97d80074a43365431edeede72.json'), '{"schema_version": 1, "connectors": [');
  await backend.changed(page);
  await page.getByTestId('file-problems').locator('summary').click();
  await expect(page.getByTestId('file-problem')).toHaveAttribute('data-state', 'corrupt');
});

test('the Refresh button rescans too', async ({ openPopup, backend }) => {
  const page = await openPopup();
  backend.regenerate(TOOLS, 'after-regeneration');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('health')).toHaveText('Healthy');
});

test('a burst of change events ends with the latest state on screen', async ({ openPopup, backend }) => {
  const page = await openPopup();
  await backend.changed(page);
  await backend.changed(page);
  backend.regenerate(TOOLS, 'after-regeneration');
  await backend.changed(page);
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('link-id')).toHaveAttribute('data-full', 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9');
});
