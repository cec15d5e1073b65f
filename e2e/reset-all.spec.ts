/**
 * "Reset all caches…" at the foot of the connectors view: every entry of the four cache kinds
 * moves aside into one `reset-all` snapshot, and Undo brings every byte (and mtime) back.
 */
import * as path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './test';

const KINDS = ['codex_apps_tools', 'codex_apps_server_info', 'codex_app_directory', 'remote_plugin_catalog'];
const ENTRY = 'Reset all caches…';

/** The cache files still on disk, `*.json` only. */
function jsonLeft(files: string[]): string[] {
  return files.filter((f) => f.endsWith('.json'));
}

/** Saves a screenshot under `test-results/artifacts/screenshots/` (as screenshots.spec.ts does). */
async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = path.join(info.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  await info.attach(name, { path: file, contentType: 'image/png' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: no horizontal overflow`).toBeLessThanOrEqual(0);
}

/** Tabs forward until the reset-all entry has focus (it is the last stop of the view). */
async function tabToEntry(page: Page): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent === 'Reset all caches…')) return;
  }
  throw new Error('Tab never reached "Reset all caches…"');
}

test.describe('healthy home (all four cache kinds)', () => {
  test.use({ home: { fixture: 'healthy' } });

  test('Reset all → confirm → files gone and a reset-all backup in history → Undo restores them byte-for-byte', async ({ openPopup, backend }, info) => {
    const before = backend.diskState();
    expect(Object.keys(before).map((p) => p.split('/')[1]).sort()).toEqual([...KINDS].sort());
    const page = await openPopup();

    // Keyboard: Tab reaches the quiet entry after the rows; Enter opens the confirmation.
    await tabToEntry(page);
    await expect(page.getByRole('button', { name: ENTRY })).toHaveAttribute('aria-haspopup', 'dialog');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('reset-all-dialog');
    await expect(dialog).toHaveAccessibleName('Reset all caches?');
    const sentence = dialog.getByTestId('reset-all-sentence');
    await expect(sentence).toContainText('takes a backup first');
    await expect(sentence).toContainText('every connector cache (tools, server info, app directory and plugin catalog) of every account aside');
    await expect(sentence).toContainText('Codex rebuilds them after a restart');
    await expect(dialog.getByRole('button', { name: 'Reset all', exact: true })).toBeFocused();
    await shoot(page, info, 'reset-all-confirm');
    expect(backend.diskState(), 'nothing moves before the confirmation').toEqual(before);

    await page.keyboard.press('Enter');
    const done = dialog.getByTestId('reset-done');
    await expect(done).toBeVisible();
    await expect(dialog).toHaveAccessibleName('All caches reset');
    const snapshotId = (await done.getByTestId('snapshot-id').textContent()) ?? '';
    expect(snapshotId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);

    // The result lists every moved file, and the cache folders hold no *.json any more.
    const moved = done.getByTestId('moved-files').locator('li');
    await expect(moved).toHaveCount(Object.keys(before).length);
    for (const kind of ['Tool list', 'Server info', 'App directory']) await expect(done.getByTestId('moved-files')).toContainText(kind);
    expect(jsonLeft(backend.cacheFiles())).toEqual([]);
    await expect(done.getByTestId('next-step')).toContainText('It rebuilds every cache');
    await shoot(page, info, 'reset-all-result');

    // The backup is a reset-all snapshot holding every file.
    const list = await backend.dispatch('listSnapshots', undefined);
    expect(list.ok).toBe(true);
    const snap = list.ok ? (list.value as { id: string; reason: string; files: unknown[] }[]).find((s) => s.id === snapshotId) : undefined;
    expect(snap?.reason).toBe('reset-all');
    expect(snap?.files).toHaveLength(Object.keys(before).length);

    await dialog.getByRole('button', { name: 'Undo' }).click();
    await expect(dialog.getByTestId('undo-done')).toContainText(`${Object.keys(before).length} files put back`);
    await expect(dialog).toHaveAccessibleName('Reset undone');
    expect(backend.diskState(), 'every file back byte-for-byte, with its mtime and mode').toEqual(before);

    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: ENTRY })).toBeFocused();
    await page.getByRole('tab', { name: /History/ }).click();
    await expect(page.locator(`[data-snapshot-id="${snapshotId}"]`)).toContainText('Reset of all connectors');
    await expect(page.getByTestId('snapshot-row').first()).toContainText('Before a restore');
  });

  test('Cancel and Esc leave every file where it was', async ({ openPopup, backend }) => {
    const before = backend.diskState();
    const page = await openPopup();
    await page.getByRole('button', { name: ENTRY }).click();
    const dialog = page.getByTestId('reset-all-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: ENTRY }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(backend.diskState()).toEqual(before);
  });
});

test.describe('stale-link home, Codex running', () => {
  test.use({ home: { fixture: 'stale-link' } });

  test('the confirmation offers to quit Codex first, then to relaunch it', async ({ openPopup, backend }) => {
    backend.codexRunning = true;
    const page = await openPopup();
    await page.getByRole('button', { name: ENTRY }).click();
    const dialog = page.getByTestId('reset-all-dialog');
    await expect(dialog.getByTestId('codex-running')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Reset anyway' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Quit Codex and reset' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Quit Codex and reset' }).click();
    await expect(dialog.getByTestId('reset-done')).toBeVisible();
    expect(backend.quitRequests).toBe(1);
    expect(jsonLeft(backend.cacheFiles())).toEqual([]);
    await expect(dialog.getByTestId('next-step')).toContainText('Next: relaunch Codex');
    await dialog.getByRole('button', { name: 'Relaunch Codex' }).click();
    await expect(dialog.getByTestId('relaunch-status')).toHaveText('Codex is starting.');
    expect(backend.codexRunning).toBe(true);
  });

  test('Codex starting after the dialog opened: the backend refuses, "Reset anyway" forces it', async ({ openPopup, backend }) => {
    const before = backend.diskState();
    const page = await openPopup();
    await page.getByRole('button', { name: ENTRY }).click();
    const dialog = page.getByTestId('reset-all-dialog');
    await expect(dialog.getByRole('button', { name: 'Reset all', exact: true })).toBeFocused();
    backend.codexRunning = true;
    await dialog.getByRole('button', { name: 'Reset all', exact: true }).click();
    await expect(dialog.getByTestId('codex-running')).toContainText('Codex is running');
    expect(backend.diskState(), 'the refused reset moved nothing').toEqual(before);
    await dialog.getByRole('button', { name: 'Reset anyway' }).click();
    await expect(dialog.getByTestId('next-step')).toContainText('takes effect when it restarts');
    expect(backend.quitRequests).toBe(0);
    expect(jsonLeft(backend.cacheFiles())).toEqual([]);
  });
});

test.describe('home without caches', () => {
  test.use({ home: { fixture: 'empty' } });

  test('there is nothing to reset, so the entry is not shown', async ({ openPopup }) => {
    const page = await openPopup();
    await expect(page.getByTestId('no-caches')).toBeVisible();
    await expect(page.getByRole('button', { name: ENTRY })).toHaveCount(0);
  });
});

test.describe('stale-link home, screenshots', () => {
  test.use({ home: { fixture: 'stale-link' } });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the quiet entry and its confirmation, ${scheme}`, async ({ openPopup, page }, info) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openPopup();
      await expect(page.getByRole('button', { name: ENTRY })).toBeVisible();
      await shoot(page, info, `reset-all-entry-${scheme}`);
      await page.getByRole('button', { name: ENTRY }).click();
      await expect(page.getByTestId('reset-all-sentence')).toBeVisible();
      await shoot(page, info, `reset-all-confirm-${scheme}`);
    });
  }
});
