/**
 * Hostile text in the caches (reliability.md §7 case 54–55): markup stays text, bidi and
 * zero-width characters are neutralized, long strings are clipped, remote logos never load.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from './test';

const HOSTILE_NAME = `<img src=x onerror="window.__pwned=1">Lin\u202Eraenil\u200B${'A'.repeat(100_000)}`;
const HOSTILE_EMAIL = 'evil\u202Emoc.elpmaxe@<script>window.__pwned=2</script>';

test('names and e-mails from the caches render as clipped, neutralized text', async ({ openPopup, backend }) => {
  // Arrange: rewrite every cache file of the healthy home with hostile strings (valid JSON).
  for (const kind of readdirSync(backend.file('cache'))) {
    for (const name of readdirSync(backend.file(`cache/${kind}`))) {
      const file = path.join(backend.file(`cache/${kind}`), name);
      const text = readFileSync(file, 'utf8')
        .replaceAll('"connector_name": "Linear"', `"connector_name": ${JSON.stringify(HOSTILE_NAME)}`)
        .replaceAll('"name": "Linear"', `"name": ${JSON.stringify(HOSTILE_NAME)}`)
        .replaceAll('"fixture.user@example.com"', JSON.stringify(HOSTILE_EMAIL));
      writeFileSync(file, text);
    }
  }
  const page = await openPopup();
  const row = page.locator('[data-connector-id="connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0"]');
  const name = (await row.locator('.row-name').textContent()) ?? '';
  expect(name.startsWith('<img src=x onerror="window.__pwned=1">Lin raeni')).toBe(true);
  expect(Array.from(name).length).toBeLessThanOrEqual(48);
  expect(name).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
  const heading = (await page.getByTestId('account-group').locator('h2').textContent()) ?? '';
  expect(heading).toContain('evil moc.elpmaxe@<script>');
  expect(heading).not.toMatch(/\u202E/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img, script:not([src])').count()).toBe(0);
  // Opening the dialog puts the name in more places; still text only.
  await row.getByRole('button', { name: /^Reset cache/ }).click();
  await expect(page.getByTestId('reset-dialog')).toBeVisible();
  expect(await page.locator('img').count()).toBe(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
