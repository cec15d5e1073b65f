/**
 * Test-only: copies the repo's fixture CODEX_HOME trees into temp dirs with the mtimes the
 * fixtures README prescribes (git drops mtimes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repo's fixture trees. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../e2e/fixtures/codex-home');

/** mtimes per fixture (e2e/fixtures/README.md "mtimes matter"). */
export const FIXTURE_MTIME: Record<string, Date> = {
  healthy: new Date('2026-05-27T12:00:00Z'),
  'stale-link': new Date('2026-05-27T14:42:11Z'),
  invalid: new Date('2026-05-27T12:00:00Z'),
};

/** When the `after-regeneration` tools file is swapped in. */
export const REGENERATED_MTIME = new Date('2026-05-27T18:30:00Z');

/**
 * Copies fixture `name` to a fresh temp dir and returns the new CODEX_HOME (canonical path).
 * The `after-regeneration/` folder is left out unless `keepRegeneration` is set.
 */
export function copyFixture(name: 'healthy' | 'stale-link' | 'invalid', opts: { keepRegeneration?: boolean } = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `relink-${name}-`)));
  const home = path.join(root, 'codex-home');
  fs.cpSync(path.join(FIXTURES_DIR, name), home, { recursive: true });
  if (!opts.keepRegeneration) fs.rmSync(path.join(home, 'after-regeneration'), { recursive: true, force: true });
  const t = FIXTURE_MTIME[name]!;
  for (const kind of fs.readdirSync(path.join(home, 'cache'))) {
    for (const f of fs.readdirSync(path.join(home, 'cache', kind))) {
      const p = path.join(home, 'cache', kind, f);
      fs.chmodSync(p, 0o600);
      fs.utimesSync(p, t, t);
    }
  }
  return home;
}

/** Swaps the stale-link tools file for its regenerated version (new Linear link). */
export function regenerateStaleLink(home: string, fixtureHome = path.join(FIXTURES_DIR, 'stale-link')): string {
  const rel = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';
  const dst = path.join(home, rel);
  fs.copyFileSync(path.join(fixtureHome, 'after-regeneration', rel), dst);
  fs.utimesSync(dst, REGENERATED_MTIME, REGENERATED_MTIME);
  return dst;
}

/** Removes a temp home created by copyFixture (its parent temp dir). */
export function removeFixture(home: string): void {
  const root = path.dirname(home);
  // Only ever the temp dir copyFixture made: never a caller's parent folder.
  if (path.basename(home) !== 'codex-home' || !path.basename(root).startsWith('relink-')) throw new Error(`not a fixture home: ${home}`);
  fs.rmSync(root, { recursive: true, force: true });
}

/** Ids used everywhere in the fixtures. */
export const IDS = {
  linear: 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  calendar: 'connector_9a8b7c6d5e4f30211203f4e5d6c7b8a9',
  notes: 'asdk_app_00c0ffee00c0ffee00c0ffee00c0ffee',
  gmail: 'connector_1234abcd1234abcd1234abcd1234abcd',
  healthyIdentity: 'bdf093741cf66bf1834324022ce238d2c0d38a31',
  staleIdentity: '41055d6b58a32c286fa868d17f941341a8144515',
  staleLink: 'link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
  regeneratedLink: 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9',
} as const;
