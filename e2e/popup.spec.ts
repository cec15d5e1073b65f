/**
 * Used-by flow 1: clicking the menu-bar icon shows every connector with its link id and health.
 */
import { expect, test } from './test';

test.describe('healthy home', () => {
  test('lists every connector with link id, health and tool count, grouped by account', async ({ openPopup }) => {
    const page = await openPopup();
    await expect(page.getByTestId('summary')).toHaveText('All 3 linked connectors are healthy');
    const rows = page.getByTestId('connector-row');
    await expect(rows).toHaveCount(4);
    // Healthy rows first (by name), the unlinked Gmail below them.
    await expect(rows.locator('.row-name')).toHaveText(['Fixture Notes', 'Google Calendar', 'Linear', 'Gmail']);
    const linear = page.locator('[data-connector-id="connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0"]');
    await expect(linear.getByTestId('link-id')).toHaveText('link_7c1d…4e5f');
    await expect(linear.getByTestId('link-id')).toHaveAttribute('title', 'link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f');
    await expect(linear.getByTestId('health')).toHaveText('Healthy');
    await expect(linear).toContainText('3 tools');
    await expect(linear.getByRole('button', { name: 'Reset cache: Linear' })).toBeVisible();
    const gmail = page.locator('[data-connector-id="connector_1234abcd1234abcd1234abcd1234abcd"]');
    await expect(gmail.getByTestId('health')).toHaveText('Not linked');
    await expect(gmail).toContainText('no link');
    await expect(page.getByTestId('account-group')).toHaveCount(1);
    await expect(page.getByTestId('account-group').locator('h2')).toContainText('fixture.user@example.com');
    await expect(page.getByTestId('account-group').locator('h2')).toContainText('bdf09374');
  });

  test('the health reason shows on keyboard focus', async ({ openPopup }) => {
    const page = await openPopup();
    const badge = page.locator('[data-connector-id="connector_1234abcd1234abcd1234abcd1234abcd"]').getByTestId('health');
    await badge.focus();
    const tipId = await badge.getAttribute('aria-describedby');
    expect(tipId).toBeTruthy();
    await expect(page.locator(`[id="${tipId}"]`)).toBeVisible();
  });

  test('the copy button puts the full link id on the clipboard', async ({ openPopup, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://127.0.0.1:4173' });
    const page = await openPopup();
    await page.getByRole('button', { name: 'Copy link id link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f' }).click();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f');
  });
});
test.describe('stale link', () => {
  test.use({ home: { fixture: 'stale-link' } });

  test('the revoked Linear link needs reconnecting and sorts first', async ({ openPopup }) => {
    const page = await openPopup();
    const rows = page.getByTestId('connector-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-connector-id', 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    await expect(rows.first().getByTestId('link-id')).toHaveAttribute('data-full', 'link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b');
    await expect(rows.nth(1).getByTestId('link-id')).toHaveAttribute('data-full', 'link_2b3c4d5e6f708192a3b4c5d6e7f80910');
    await expect(rows.first().getByTestId('health')).toHaveText('Needs reconnecting');
    await expect(page.getByTestId('summary')).toHaveText('1 connector needs reconnecting');
    await expect(rows.first().getByRole('button', { name: 'Reconnect: Linear' })).toBeVisible();
  });
});

test('copy still works when the clipboard permission is denied (as in Electron)', async ({ openPopup, context }) => {
  await context.clearPermissions();
  const page = await openPopup();
  await page.evaluate(() => {
    // Electron's permission handler answers false: writeText rejects.
    Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    document.addEventListener('copy', () => ((window as unknown as { __copied?: string }).__copied = (document.activeElement as HTMLTextAreaElement).value));
  });
  await page.getByRole('button', { name: 'Copy link id link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe('link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f');
});
