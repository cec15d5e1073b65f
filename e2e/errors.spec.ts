/**
 * Empty and error states: each says what is wrong in a sentence and offers a way forward.
 */
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from './harness';
import { expect, test } from './test';

test.describe('no CODEX_HOME', () => {
  test.use({ home: { fixture: null } });

  test('says the Codex folder is missing, and Try again finds it once it exists', async ({ openPopup, backend }) => {
    const page = await openPopup();
    const empty = page.getByTestId('no-codex-home');
    await expect(empty).toContainText('Codex folder not found');
    await expect(empty).toContainText(backend.codexHome);
    await expect(page.getByTestId('summary')).toHaveText('Codex folder not found');
    copyFixture('healthy', backend.codexHome);
    await empty.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('connector-row')).toHaveCount(4);
  });
});

test.describe('no caches yet', () => {
  test.use({ home: { fixture: 'empty' } });

  test('explains that Codex writes the caches on first use', async ({ openPopup }) => {
    const page = await openPopup();
    await expect(page.getByTestId('summary')).toHaveText('No connector caches yet');
    await expect(page.getByTestId('no-caches')).toContainText('Start Codex');
    await expect(page.getByTestId('no-caches').getByRole('button', { name: 'Check again' })).toBeVisible();
  });
});

test.describe('files Relink cannot use', () => {
  test.use({ home: { fixture: 'invalid' } });

  test('lists corrupt, unsupported and unreadable files with the reason; unsupported rows are read-only', async ({ openPopup, backend }) => {
    // A dangling symlink with a cache name: reported unreadable, never followed.
    symlinkSync(path.join(backend.root, 'nowhere.json'), backend.file('cache/codex_apps_tools/0000000000000000000000000000000000000000.json'));
    const before = backend.diskState();
    const page = await openPopup();
    await expect(page.getByTestId('summary')).toHaveText('1 connector in an unknown state');
    const problems = page.getByTestId('file-problems');
    await problems.locator('summary').click();
    await expect(problems.locator('summary')).toContainText('3 cache files Relink cannot use');
    await expect(problems.locator('[data-state="corrupt"]')).toContainText('Damaged JSON');
    await expect(problems.locator('[data-state="unsupported-schema"]')).toContainText('schema 3');
    await expect(problems.locator('[data-state="unsupported-schema"]')).toContainText('read-only');
    await expect(problems.locator('[data-state="unreadable"]')).toContainText('cannot read');
    const linear = page.getByTestId('connector-row');
    await expect(linear).toHaveCount(1);
    await expect(linear.getByTestId('health')).toHaveText('Unknown');
    await expect(linear.getByRole('button', { name: /Reset cache|Reconnect/ })).toHaveCount(0);
    await expect(page.getByTestId('account-group')).toContainText('read-only');
    expect(backend.diskState(), 'showing bad files changes nothing').toEqual(before);
  });
});

test.describe('a failed action', () => {
  test.use({
    home: {
      fixture: 'stale-link',
      // The disk fills up while the backup is written.
      fault: ({ storeDir }) => ({
        match: (c) => c.method === 'write' && c.paths.some((p) => p.startsWith(path.join(storeDir, 'backups')) || p.startsWith(path.join(storeDir, 'tmp'))),
        failAt: 1,
        persistent: true,
        code: 'ENOSPC',
      }),
    },
  });

  test('says what failed, that nothing moved, and how to go on; the cache is untouched', async ({ openPopup, backend }) => {
    const before = backend.diskState();
    const page = await openPopup();
    await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
    const dialog = page.getByTestId('reset-dialog');
    await dialog.getByRole('button', { name: 'Reconnect', exact: true }).click();
    const failed = dialog.getByTestId('action-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('data-code', 'disk-full');
    await expect(failed).toContainText('Reset failed');
    await expect(failed).toContainText('Nothing was moved: your cache files are as they were.');
    await expect(failed).toContainText('Free some disk space');
    expect(backend.diskState()).toEqual(before);
    await failed.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('connector-row').first().getByTestId('health')).toHaveText('Needs reconnecting');
  });
});

test('without a bridge (preload failed), the popup says so instead of crashing', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('status-error')).toContainText('background service is not available');
  await expect(page.getByTestId('status-error').getByRole('button', { name: 'Try again' })).toBeVisible();
});
