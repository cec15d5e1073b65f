/**
 * Screenshots of the popup (light and dark), the history view and the dialogs, saved under
 * `test-results/artifacts/screenshots/` and attached to the report. Each test also checks that
 * nothing overflows the 360-px popup horizontally.
 */
import * as path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = path.join(info.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  await info.attach(name, { path: file, contentType: 'image/png' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: no horizontal overflow`).toBeLessThanOrEqual(0);
}

test.describe('stale-link home', () => {
  test.use({ home: { fixture: 'stale-link' } });

  for (const scheme of ['light', 'dark'] as const) {
    test(`popup ${scheme}`, async ({ openPopup, page }, info) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openPopup();
      await expect(page.getByTestId('connector-row')).toHaveCount(2);
      await shoot(page, info, `popup-${scheme}`);
    });
  }

  test('reset confirmation and result', async ({ openPopup, page }, info) => {
    await openPopup();
    await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
    await expect(page.getByTestId('reset-sentence')).toBeVisible();
    await shoot(page, info, 'reset-confirm');
    await page.getByTestId('reset-dialog').getByRole('button', { name: 'Reconnect', exact: true }).click();
    await expect(page.getByTestId('reset-done')).toBeVisible();
    await shoot(page, info, 'reset-result');
  });

  test('row details with a link change', async ({ openPopup, backend, page }, info) => {
    await openPopup();
    backend.regenerate('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json', 'after-regeneration');
    await backend.changed(page);
    const row = page.locator(`[data-connector-id="${LINEAR}"]`);
    await expect(row.getByTestId('health')).toHaveText('Healthy');
    await row.getByRole('button', { name: 'Details: Linear' }).click();
    await expect(row.getByTestId('connector-link-changes')).toBeVisible();
    await shoot(page, info, 'details');
    await page.getByRole('tab', { name: /History/ }).click();
    await expect(page.getByTestId('link-change')).toHaveCount(1);
    await shoot(page, info, 'history-link-changes');
  });

  test('recovery steps result', async ({ openPopup, backend, page }, info) => {
    backend.codexRunning = true;
    backend.onLaunch = () => backend.regenerate('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json', 'after-regeneration');
    await openPopup();
    const row = page.locator(`[data-connector-id="${LINEAR}"]`);
    await row.getByRole('button', { name: 'Details: Linear' }).click();
    await row.getByRole('button', { name: 'Try recovery steps…' }).click();
    await expect(page.getByRole('checkbox')).toBeVisible();
    await shoot(page, info, 'ladder-start');
    await page.getByTestId('ladder-dialog').getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('ladder-done')).toBeVisible();
    await shoot(page, info, 'ladder-done');
  });

  test('Codex running, then the same stale link comes back', async ({ openPopup, backend, page }, info) => {
    backend.codexRunning = true;
    await openPopup();
    await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
    await expect(page.getByTestId('codex-running')).toBeVisible();
    await shoot(page, info, 'codex-running');
    await page.getByRole('button', { name: 'Quit Codex and reconnect' }).click();
    await page.getByTestId('reset-dialog').getByRole('button', { name: 'Done' }).click();
    backend.regenerate('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json', 'original');
    await backend.changed(page);
    await expect(page.getByTestId('link-watch')).toHaveAttribute('data-tone', 'attention');
    await shoot(page, info, 'same-link');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`history ${scheme}`, async ({ openPopup, backend, page }, info) => {
      const first = await backend.dispatch('resetConnector', { connectorId: LINEAR, label: 'first try' });
      expect(first.ok).toBe(true);
      backend.regenerate('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json', 'after-regeneration');
      expect((await backend.dispatch('resetAll', {})).ok).toBe(true);
      await page.emulateMedia({ colorScheme: scheme });
      await openPopup();
      await page.getByRole('tab', { name: /History/ }).click();
      await expect(page.getByTestId('snapshot-row')).toHaveCount(2);
      await expect(page.getByTestId('since').first()).not.toHaveText('Comparing with now…');
      await shoot(page, info, `history-${scheme}`);
      await page.getByTestId('snapshot-row').last().getByRole('button', { name: /^Restore/ }).click();
      await expect(page.getByTestId('restore-diff')).toBeVisible();
      await shoot(page, info, `restore-diff-${scheme}`);
    });
  }
});

test.describe('invalid home', () => {
  test.use({ home: { fixture: 'invalid' } });

  test('unreadable and unsupported files', async ({ openPopup, page }, info) => {
    await openPopup();
    await page.getByTestId('file-problems').locator('summary').click();
    await expect(page.getByTestId('file-problem')).toHaveCount(2);
    await shoot(page, info, 'invalid-files');
  });
});

test.describe('no CODEX_HOME', () => {
  test.use({ home: { fixture: null } });

  test('missing home', async ({ openPopup, page }, info) => {
    await openPopup();
    await expect(page.getByTestId('no-codex-home')).toBeVisible();
    await shoot(page, info, 'no-codex-home');
  });
});
