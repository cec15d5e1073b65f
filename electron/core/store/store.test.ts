import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ResetResult, RestoreResult, Snapshot } from '../../../shared/schemas';
import {
  allHashes, assertClean, assertNoLoss, fakeProbe, FIXTURES, fixtureHome, GCAL, LINEAR, manifests, sha, STALE_ID, testStore,
} from './testing/harness';

const tools = (home: string) => path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`);
const info = (home: string) => path.join(home, 'cache/codex_apps_server_info', `${STALE_ID}.json`);
const dirEntry = (home: string) => path.join(home, 'cache/codex_app_directory/e533e961a0a2a4d97d80074a43365431edeede72.json');

test('reset of one connector moves its tools and server-info entries into a committed snapshot', async () => {
  const home = fixtureHome();
  const before = allHashes(home, path.join(home, 'relink'));
  const toolsHash = sha(tools(home));
  const ino = fs.statSync(path.join(home, 'cache/codex_apps_tools')).ino;
  fs.writeFileSync(path.join(home, 'cache/codex_apps_tools/.tmpAbC123'), 'codex in flight');
  const r = await testStore(home).resetConnector({ connectorId: LINEAR, label: 'stale linear' });
  assert.ok(r.ok, JSON.stringify(r));
  ResetResult.parse(r.value);
  assert.deepEqual(r.value.moved.map((m) => m.path).sort(), [
    `cache/codex_apps_server_info/${STALE_ID}.json`,
    `cache/codex_apps_tools/${STALE_ID}.json`,
  ]);
  assert.equal(r.value.snapshot.reason, 'reset');
  assert.equal(r.value.snapshot.connector, LINEAR);
  assert.equal(r.value.snapshot.label, 'stale linear');
  assert.equal(r.value.snapshot.connectors.length, 2);
  assert.ok(!fs.existsSync(tools(home)) && !fs.existsSync(info(home)));
  assert.ok(fs.existsSync(dirEntry(home)), 'directory entry untouched by a connector reset');
  assert.equal(fs.readFileSync(path.join(home, 'cache/codex_apps_tools/.tmpAbC123'), 'utf8'), 'codex in flight');
  assert.equal(fs.statSync(path.join(home, 'cache/codex_apps_tools')).ino, ino, 'cache folder kept its inode');
  const held = path.join(home, 'relink/backups', r.value.snapshot.id, 'files/codex_apps_tools', `${STALE_ID}.json`);
  assert.equal(sha(held), toolsHash);
  const f = r.value.snapshot.files.find((x) => x.kind === 'codex_apps_tools')!;
  assert.equal(f.modifiedAt, '2026-05-27T14:42:11.000Z');
  assert.equal(f.mode, 0o600);
  assertNoLoss(before, home, path.join(home, 'relink'));
  assertClean(home, path.join(home, 'relink'));
  assert.equal(fs.statSync(path.join(home, 'relink')).mode & 0o777, 0o700);
});

test('reset --all moves every entry of the four kinds and nothing else', async () => {
  const home = fixtureHome('healthy');
  fs.writeFileSync(path.join(home, 'cache/codex_app_directory/.tmpXyZ789'), 'codex in flight');
  const r = await testStore(home).resetAll({});
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.moved.length, 4);
  assert.ok(r.value.skipped.some((s) => s.path === 'cache/codex_app_directory/.tmpXyZ789'));
  assert.equal(fs.readFileSync(path.join(home, 'cache/codex_app_directory/.tmpXyZ789'), 'utf8'), 'codex in flight');
  assert.equal(r.value.snapshot.reason, 'reset-all');
  for (const k of ['codex_apps_tools', 'codex_apps_server_info', 'codex_app_directory', 'remote_plugin_catalog']) {
    assert.deepEqual(fs.readdirSync(path.join(home, 'cache', k)).filter((n) => !n.startsWith('.tmp')), [], `${k} emptied`);
  }
  assert.equal(fs.readFileSync(path.join(home, 'auth.json'), 'utf8'), '{"canary":"auth-secret-canary"}');
});

test('an unknown connector is not-found and changes nothing', async () => {
  const home = fixtureHome();
  const r = await testStore(home).resetConnector({ connectorId: 'connector_ffffffffffffffffffffffffffffffff' });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not-found');
  assert.ok(fs.existsSync(tools(home)));
  assert.deepEqual(manifests(path.join(home, 'relink')), []);
});

test('a reset while Codex runs is refused without force, and says why', async () => {
  const home = fixtureHome();
  const probe = fakeProbe([{ pid: 4242, name: 'codex', kind: 'app-server' }]);
  const store = testStore(home, { probe });
  const r = await store.resetConnector({ connectorId: LINEAR });
  assert.equal(!r.ok && r.code, 'codex-running');
  assert.match(!r.ok ? r.message : '', /keeps its tools in memory/);
  assert.ok(fs.existsSync(tools(home)));
  const forced = await store.resetConnector({ connectorId: LINEAR, force: true });
  assert.ok(forced.ok);
  assert.equal(forced.value.codexRunning, true);
  assert.match(forced.value.nextSteps.join(' '), /restart/);
});

test('restore writes the files back byte-for-byte with their mtimes, and undo returns the previous state', async () => {
  const home = fixtureHome();
  const storeDir = path.join(home, 'relink');
  const store = testStore(home);
  const original = { tools: fs.readFileSync(tools(home)), info: fs.readFileSync(info(home)) };
  const reset = await store.resetConnector({ connectorId: LINEAR });
  assert.ok(reset.ok);
  // Codex regenerates the tools file (only) with a new link and a new mtime.
  const regen = fs.readFileSync(path.join(FIXTURES, 'stale-link/after-regeneration/cache/codex_apps_tools', `${STALE_ID}.json`));
  fs.writeFileSync(tools(home), regen, { mode: 0o600 });
  const regenTime = new Date('2026-05-27T18:30:00.123Z');
  fs.utimesSync(tools(home), regenTime, regenTime);
  const before = allHashes(home, storeDir);

  const r = await store.restore({ id: reset.value.snapshot.id });
  assert.ok(r.ok, JSON.stringify(r));
  RestoreResult.parse(r.value);
  assert.deepEqual(fs.readFileSync(tools(home)), original.tools);
  assert.deepEqual(fs.readFileSync(info(home)), original.info);
  for (const p of [tools(home), info(home)]) {
    const st = fs.lstatSync(p);
    assert.ok(st.isFile());
    assert.equal(st.nlink, 1);
    assert.equal(st.mode & 0o777, 0o600);
    assert.ok(Math.abs(st.mtimeMs - Date.parse('2026-05-27T14:42:11Z')) <= 1, 'original mtime ± 1 ms');
  }
  const undo = r.value.undo;
  assert.equal(undo.reason, 'before-restore');
  assert.deepEqual(undo.files.map((f) => f.path), [`cache/codex_apps_tools/${STALE_ID}.json`]);
  assert.deepEqual(undo.absent, [`cache/codex_apps_server_info/${STALE_ID}.json`]);
  assertNoLoss(before, home, storeDir, 'after restore');
  assertClean(home, storeDir, 'after restore');

  const u = await store.restore({ id: undo.id });
  assert.ok(u.ok, JSON.stringify(u));
  assert.deepEqual(fs.readFileSync(tools(home)), regen);
  assert.ok(Math.abs(fs.statSync(tools(home)).mtimeMs - regenTime.getTime()) <= 1, 'regenerated mtime ± 1 ms');
  assert.ok(!fs.existsSync(info(home)), 'undo removes what the restore created');
  assert.deepEqual(u.value.removed.map((m) => m.path), [`cache/codex_apps_server_info/${STALE_ID}.json`]);
  assertNoLoss(before, home, storeDir, 'after undo');
  assertClean(home, storeDir, 'after undo');
  // The backup restored from is intact.
  const again = await store.get(reset.value.snapshot.id);
  assert.ok(again.ok);
  assert.deepEqual(again.value, reset.value.snapshot);
});

test('history lists snapshots newest first with their manifest shape; label edits only the label', async () => {
  const home = fixtureHome('healthy');
  const store = testStore(home, { inventory: async () => [] });
  const a = await store.resetAll({ label: 'first' });
  assert.ok(a.ok);
  fs.writeFileSync(path.join(home, 'cache/codex_apps_tools/bdf093741cf66bf1834324022ce238d2c0d38a31.json'), '{"schema_version":4,"tools":[]}');
  const b = await store.resetAll({});
  assert.ok(b.ok);
  const list = await store.list();
  assert.ok(list.ok);
  assert.deepEqual(list.value.map((s) => s.id), [b.value.snapshot.id, a.value.snapshot.id]);
  for (const s of list.value) Snapshot.parse(s);
  const l = await store.label({ id: a.value.snapshot.id, label: '  renamed  ' });
  assert.ok(l.ok);
  assert.equal(l.value.label, 'renamed');
  const got = await store.get(a.value.snapshot.id);
  assert.ok(got.ok);
  assert.deepEqual({ ...got.value, label: 'first' }, a.value.snapshot);
  const bad = await store.label({ id: a.value.snapshot.id, label: 'evil\u202ename' });
  assert.equal(!bad.ok && bad.code, 'bad-input');
});

test('diff reports link and file changes between a backup and the live cache', async () => {
  const home = fixtureHome();
  const store = testStore(home);
  const reset = await store.resetConnector({ connectorId: LINEAR });
  assert.ok(reset.ok);
  const newRows = [
    { identity: STALE_ID, id: LINEAR, name: 'Linear', linkIds: ['link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9'] },
    { identity: STALE_ID, id: GCAL, name: 'Google Calendar', linkIds: ['link_2b3c4d5e6f708192a3b4c5d6e7f80910'] },
  ];
  fs.writeFileSync(tools(home), '{"schema_version":4,"tools":[]}');
  const d = await testStore(home, { inventory: async () => newRows }).diff({ from: reset.value.snapshot.id, to: 'current' });
  assert.ok(d.ok, JSON.stringify(d));
  const lin = d.value.connectors.find((c) => c.id === LINEAR)!;
  assert.equal(lin.change, 'changed');
  assert.deepEqual(lin.after, ['link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9']);
  assert.equal(d.value.connectors.find((c) => c.id === GCAL)!.change, 'same');
  const byPath = Object.fromEntries(d.value.files.map((f) => [f.path, f.change]));
  assert.equal(byPath[`cache/codex_apps_tools/${STALE_ID}.json`], 'changed');
  assert.equal(byPath[`cache/codex_apps_server_info/${STALE_ID}.json`], 'removed');
  assert.equal(byPath['cache/codex_app_directory/e533e961a0a2a4d97d80074a43365431edeede72.json'], undefined, 'a connector reset never held the directory: it is not "added"');
  assert.deepEqual(Object.keys(byPath).map((p) => p.split('/')[1]).sort(), ['codex_apps_server_info', 'codex_apps_tools']);
});

test('diff of a reset-all backup covers every kind', async () => {
  const home = fixtureHome();
  const reset = await testStore(home).resetAll({});
  assert.ok(reset.ok);
  fs.writeFileSync(tools(home), '{"schema_version":4,"tools":[]}');
  const d = await testStore(home).diff({ from: reset.value.snapshot.id, to: 'current' });
  assert.ok(d.ok, JSON.stringify(d));
  const byPath = Object.fromEntries(d.value.files.map((f) => [f.path, f.change]));
  assert.equal(byPath[`cache/codex_apps_tools/${STALE_ID}.json`], 'changed');
  assert.equal(byPath['cache/codex_app_directory/e533e961a0a2a4d97d80074a43365431edeede72.json'], 'removed');
});

test('modes are 0700/0600 whatever the umask, an existing 0755 store root is repaired, stateDir is 0700', async () => {
  for (const umask of [0o000, 0o077]) {
    const old = process.umask(umask);
    try {
      const home = fixtureHome();
      fs.mkdirSync(path.join(home, 'relink'), { mode: 0o755 });
      fs.chmodSync(path.join(home, 'relink'), 0o755);
      const store = testStore(home);
      const r = await store.resetConnector({ connectorId: LINEAR });
      assert.ok(r.ok);
      assertClean(home, path.join(home, 'relink'), `umask ${umask.toString(8)}`);
      for (const d of ['relink', 'relink/backups', 'relink/tmp', 'relink/state']) {
        assert.equal(fs.statSync(path.join(home, d)).mode & 0o777, 0o700, `${d} with umask ${umask.toString(8)}`);
      }
      assert.equal(fs.statSync(path.join(home, 'relink/backups', r.value.snapshot.id, 'manifest.json')).mode & 0o777, 0o600);
      assert.equal(await store.stateDir(), path.join(home, 'relink/state'));
    } finally {
      process.umask(old);
    }
  }
});
