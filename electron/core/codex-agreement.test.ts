/**
 * Relink's linked connectors must be exactly those the real Codex CLI treats as accessible
 * for the same home (issue 2, "Done when"). Skips where the Codex CLI is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { createNodeFs } from './fs-facade';
import { createInProcessParser } from './parser';
import { createScanner } from './status';
import { FIXTURES_DIR, copyFixture, removeFixture } from './testing/fixtures';
import { FAKE_ACCOUNT, accessibleByCodex, directoryName, renameOnly, runtimeName, signIn } from './testing/real-codex';

const bin = process.env.RELINK_TEST_CODEX_BIN;
const skip = bin && fs.existsSync(bin) ? false : 'RELINK_TEST_CODEX_BIN is not set to an installed Codex CLI (.ci/run installs it)';

async function relinkLinked(home: string, identity: string): Promise<{ linked: string[]; rows: Awaited<ReturnType<ReturnType<typeof createScanner>['scan']>>['connectors'] }> {
  const scanner = createScanner({
    fs: createNodeFs(),
    clock: { now: () => new Date() },
    codexHome: home,
    env: { home: os.homedir(), platform: process.platform },
    parser: createInProcessParser(),
    codexVersion: async () => ({ version: '0.169.0', source: 'test' }),
  });
  const report = await scanner.scan();
  const rows = report.connectors.filter((c) => c.identity === identity);
  return { linked: rows.filter((c) => c.health === 'healthy' || c.health === 'needs-reauth').map((c) => c.id).sort(), rows };
}

function prepare(fixture: 'healthy' | 'invalid'): { home: string; identity: string } {
  const home = copyFixture(fixture);
  signIn(home);
  const identity = runtimeName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId);
  renameOnly(home, 'codex_apps_tools', identity);
  renameOnly(home, 'codex_apps_server_info', identity);
  renameOnly(home, 'codex_app_directory', directoryName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId));
  return { home, identity };
}

const accessibleIds = (m: Record<string, boolean>) => Object.entries(m).filter(([, v]) => v).map(([k]) => k).sort();

test('healthy home: Relink and Codex agree on the linked connectors', { skip, timeout: 60_000 }, async () => {
  const { home, identity } = prepare('healthy');
  try {
    const codex = await accessibleByCodex(bin!, home);
    const relink = await relinkLinked(home, identity);
    assert.ok(Object.keys(codex).length >= 4, 'Codex listed the directory apps');
    assert.deepEqual(relink.linked, accessibleIds(codex));
    assert.equal(relink.rows.find((r) => r.name === 'Gmail')?.health, 'unlinked');
  } finally {
    removeFixture(home);
  }
});

test('another account\'s tools file does not make its connectors linked for this account', { skip, timeout: 60_000 }, async () => {
  const { home, identity } = prepare('healthy');
  try {
    // The active account keeps only Calendar; the other account's file (stale-link) has Linear too.
    const toolsPath = path.join(home, 'cache/codex_apps_tools', `${identity}.json`);
    const doc = JSON.parse(fs.readFileSync(toolsPath, 'utf8'));
    doc.tools = doc.tools.filter((t: { connector_id: string }) => t.connector_id === 'connector_9a8b7c6d5e4f30211203f4e5d6c7b8a9');
    fs.writeFileSync(toolsPath, JSON.stringify(doc, null, 2));
    const other = path.join(FIXTURES_DIR, 'stale-link/cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json');
    fs.copyFileSync(other, path.join(home, 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json'));
    const codex = await accessibleByCodex(bin!, home);
    const relink = await relinkLinked(home, identity);
    assert.deepEqual(accessibleIds(codex), ['connector_9a8b7c6d5e4f30211203f4e5d6c7b8a9']);
    assert.deepEqual(relink.linked, accessibleIds(codex));
  } finally {
    removeFixture(home);
  }
});

test('a schema-3 tools file: Codex treats nothing as accessible and Relink calls nothing healthy', { skip, timeout: 60_000 }, async () => {
  const { home, identity } = prepare('healthy');
  try {
    const toolsPath = path.join(home, 'cache/codex_apps_tools', `${identity}.json`);
    const text = fs.readFileSync(toolsPath, 'utf8');
    assert.ok(text.includes('"schema_version": 4'));
    fs.writeFileSync(toolsPath, text.replace('"schema_version": 4', '"schema_version": 3'));
    // Codex 0.169 treats the file as a cache miss and, offline, publishes no app list at all
    // (with schema 4 it does within a second, see the first test): silence means nothing is
    // accessible. Any notification it does send must list nothing as accessible.
    const codex = await accessibleByCodex(bin!, home, 8000).catch((e: Error) => {
      assert.match(e.message, /no app\/list\/updated/);
      return {} as Record<string, boolean>;
    });
    const relink = await relinkLinked(home, identity);
    assert.deepEqual(accessibleIds(codex), []);
    assert.deepEqual(relink.linked, []);
    assert.deepEqual([...new Set(relink.rows.map((r) => r.health))], ['unknown']);
  } finally {
    removeFixture(home);
  }
});
