import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ResetResult } from '../../../shared/schemas';
import { fakeProbe, fixtureHome, LINEAR, STALE_ID, STALE_ROWS } from '../../core/store/testing/harness';
import { createNodeFs } from '../../core/fs-facade';
import { createFaultFs } from '../../core/testing/fault-fs';
import { runCaptured } from '../testing/capture';

const overrides = (running = false) => ({
  probe: fakeProbe(running ? [{ pid: 99, name: 'codex', kind: 'cli' as const }] : []),
  inventory: async () => STALE_ROWS,
});

test('reset --connector says which files moved, the snapshot id and what to do next', async () => {
  const home = fixtureHome();
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR], { overrides: overrides() });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Moved 2 files aside into backup \d{8}T\d{9}Z-[0-9a-f]{6}:/);
  assert.match(r.out, new RegExp(`cache/codex_apps_tools/${STALE_ID}\\.json`));
  assert.match(r.out, new RegExp(`cache/codex_apps_server_info/${STALE_ID}\\.json`));
  assert.match(r.out, /Quit Codex completely and start it again; it rebuilds the cache\. Then check whether the link changed\.\nCheck with: relink status/);
  assert.match(r.out, /To undo: relink restore /);
  assert.ok(!fs.existsSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`)));
});

test('reset --json prints the snapshot and the moved paths, schema-valid', async () => {
  const home = fixtureHome();
  const r = await runCaptured(['reset', '--codex-home', home, '--all', '--label', 'everything', '--json'], { overrides: overrides() });
  assert.equal(r.code, 0, r.err);
  const v = ResetResult.parse(JSON.parse(r.out));
  assert.equal(v.snapshot.reason, 'reset-all');
  assert.equal(v.snapshot.label, 'everything');
  assert.equal(v.moved.length, 3);
});

test('reset while Codex runs exits 1 with a sentence saying why, and changes nothing; --force proceeds', async () => {
  const home = fixtureHome();
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR], { overrides: overrides(true) });
  assert.equal(r.code, 1);
  assert.match(r.err, /Codex is running .*keeps its tools in memory.*\n.*pass --force to go ahead anyway/);
  assert.ok(fs.existsSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`)));
  const j = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--json'], { overrides: overrides(true) });
  assert.equal(JSON.parse(j.out).code, 'codex-running');
  const f = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--force'], { overrides: overrides(true) });
  assert.equal(f.code, 0, f.err);
  assert.match(f.out, /only takes effect after you quit and restart it/);
});

test('reset usage errors and a missing CODEX_HOME give one line and a non-zero exit', async () => {
  const home = fixtureHome();
  for (const argv of [['reset', '--codex-home', home], ['reset', '--codex-home', home, '--all', '--connector', LINEAR], ['reset', '--codex-home', home, '--all', '--identity', STALE_ID]]) {
    const r = await runCaptured(argv, { overrides: overrides() });
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /^relink: /);
  }
  const bad = await runCaptured(['reset', '--codex-home', home, '--connector', '../../etc'], { overrides: overrides() });
  assert.equal(bad.code, 2);
  const missing = await runCaptured(['reset', '--codex-home', path.join(home, 'nope'), '--all'], { overrides: overrides() });
  assert.equal(missing.code, 3);
  assert.match(missing.err, /does not exist/);
  assert.ok(!fs.existsSync(path.join(home, 'nope')), 'CODEX_HOME is never created');
  const unknown = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--identity', 'ab'.repeat(20)], { overrides: overrides() });
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /No connector/);
});

test('a symlinked cache folder or one that is a file is refused and nothing moves', async () => {
  const home = fixtureHome();
  const real = path.join(home, 'elsewhere');
  fs.renameSync(path.join(home, 'cache/codex_apps_server_info'), real);
  fs.symlinkSync(real, path.join(home, 'cache/codex_apps_server_info'));
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR], { overrides: overrides() });
  assert.equal(r.code, 2);
  assert.match(r.err, /codex_apps_server_info is a symlink/);
  assert.ok(fs.existsSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`)));
  const home2 = fixtureHome('healthy');
  fs.rmSync(path.join(home2, 'cache/remote_plugin_catalog'), { recursive: true });
  fs.writeFileSync(path.join(home2, 'cache/remote_plugin_catalog'), 'not a folder');
  const r2 = await runCaptured(['reset', '--codex-home', home2, '--all'], { overrides: overrides() });
  assert.equal(r2.code, 2);
  assert.match(r2.err, /remote_plugin_catalog is not a folder/);
  assert.equal(fs.readdirSync(path.join(home2, 'cache/codex_apps_tools')).length, 1);
});

test('--store beats RELINK_STORE, which beats <CODEX_HOME>/relink', async () => {
  const home = fixtureHome();
  const flagStore = path.join(home, 'flag-store');
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--store', flagStore], { overrides: overrides(), env: { RELINK_STORE: path.join(home, 'env-store') } });
  assert.equal(r.code, 0, r.err);
  assert.equal(fs.readdirSync(path.join(flagStore, 'backups')).length, 1);
  assert.ok(!fs.existsSync(path.join(home, 'env-store')));
  const home2 = fixtureHome();
  const r2 = await runCaptured(['reset', '--codex-home', home2, '--all'], { overrides: overrides(), env: { RELINK_STORE: path.join(home2, 'env-store') } });
  assert.equal(r2.code, 0, r2.err);
  assert.equal(fs.readdirSync(path.join(home2, 'env-store/backups')).length, 1);
});

test('a read-only store fails with one clear line and leaves the cache as it was', async () => {
  const home = fixtureHome();
  const store = path.join(home, 'ro-store');
  const { fs: roFs } = createFaultFs(createNodeFs({ noSync: true }), {
    match: (c) => c.method !== 'open' && c.paths.some((p) => p.startsWith(store)), failAt: 1, persistent: true, code: 'EROFS',
  });
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--store', store], { overrides: overrides(), fs: roFs });
  assert.equal(r.code, 1);
  assert.match(r.err, /^relink: Read-only file system while resetting$/);
  assert.ok(fs.existsSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`)));
});

test('without an inventory override, reset finds the connector through the real scanner', async () => {
  const home = fixtureHome();
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--json'], { overrides: { probe: fakeProbe() } });
  assert.equal(r.code, 0, r.err);
  const v = ResetResult.parse(JSON.parse(r.out));
  const linear = v.snapshot.connectors.find((c) => c.id === LINEAR);
  assert.deepEqual(linear?.linkIds, ['link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b']);
  assert.equal(linear?.identity, STALE_ID);
});
