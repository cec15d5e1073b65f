/**
 * Evidence in the popup: a row's details (reasons, last failure, link changes), the link
 * changes Relink observed in history, and a redacted report copied for a bug tracker.
 */
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';

test.use({ home: { fixture: 'stale-link' } });

test('details show why Linear needs reconnecting and open its ChatGPT page', async ({ openPopup, backend }) => {
  const page = await openPopup();
  const row = page.locator(`[data-connector-id="${LINEAR}"]`);
  const toggle = row.getByRole('button', { name: 'Details: Linear' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = row.getByTestId('connector-details');
  await expect(details.getByRole('list', { name: 'Why this health' }).locator('li').first()).toBeVisible();
  await expect(details).toContainText('Last auth failure 18:05');
  await details.getByRole('button', { name: 'Open in ChatGPT' }).click();
  await expect.poll(() => backend.opened).toEqual([`https://chatgpt.com/apps/linear/${LINEAR}`]);
});

test('a link change Codex makes underneath is listed in history and in the row details', async ({ openPopup, backend }) => {
  const page = await openPopup();
  backend.regenerate(TOOLS, 'after-regeneration');
  await backend.changed(page);
  const row = page.locator(`[data-connector-id="${LINEAR}"]`);
  await expect(row.getByTestId('link-id')).toHaveAttribute('data-full', 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9');
  await row.getByRole('button', { name: 'Details: Linear' }).click();
  await expect(row.getByTestId('connector-link-changes')).toContainText('link_5e6f…9a0b → link_d4c3…b0a9');
  await page.getByRole('tab', { name: /History/ }).click();
  await expect(page.getByTestId('link-change').first()).toContainText('Linear');
  await expect(page.getByTestId('link-change').first()).toContainText('link_5e6f…9a0b → link_d4c3…b0a9');
});

test('Copy report puts a redacted Markdown report on the clipboard', async ({ openPopup, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://127.0.0.1:4173' });
  const page = await openPopup();
  const row = page.locator(`[data-connector-id="${LINEAR}"]`);
  await row.getByRole('button', { name: 'Details: Linear' }).click();
  await row.getByRole('button', { name: 'Copy report' }).click();
  await expect(row.getByTestId('report-status')).toHaveText('Report copied (ids and e-mails redacted).');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('Linear');
  expect(md).not.toContain('fixture.user@example.com');
  expect(md).not.toContain('link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b');
});
