/**
 * File-system shapes (reliability.md cases 16, 17, 25, 33–36): a store on another volume,
 * symlinked, hard-linked and special entries, and what a reset may never touch.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createFaultFs } from '../testing/fault-fs';
import { allHashes, assertClean, assertNoLoss, fixtureHome, LINEAR, manifests, quickFs, sha, STALE_ID, tempDir, testStore } from './testing/harness';

const tools = (home: string) => path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`);
const info = (home: string) => path.join(home, 'cache/codex_apps_server_info', `${STALE_ID}.json`);
const shm = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync(tempDir()).dev;

test('a store on another volume (/dev/shm): reset copies, verifies, then removes; restore and undo round-trip', { skip: shm ? false : 'no /dev/shm on another volume here' }, async () => {
  const home = fixtureHome();
  const storeDir = path.join(tempDir('relink-shm-', '/dev/shm'), 'store');
  const store = testStore(home, { storeDir });
  const before = allHashes(home, storeDir);
  const original = fs.readFileSync(tools(home));
  const r = await store.resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok, JSON.stringify(r));
  assert.ok(!fs.existsSync(tools(home)) && !fs.existsSync(info(home)));
  assert.deepEqual(fs.readdirSync(path.dirname(tools(home))), [], 'no aside left');
  assertNoLoss(before, home, storeDir);
  assertClean(home, storeDir);
  fs.writeFileSync(tools(home), 'regenerated', { mode: 0o600 });
  const back = await store.restore({ id: r.value.snapshot.id });
  assert.ok(back.ok, JSON.stringify(back));
  assert.deepEqual(fs.readFileSync(tools(home)), original);
  assert.ok(Math.abs(fs.statSync(tools(home)).mtimeMs - Date.parse('2026-05-27T14:42:11Z')) <= 1);
  const undo = await store.restore({ id: back.value.undo.id });
  assert.ok(undo.ok);
  assert.equal(fs.readFileSync(tools(home), 'utf8'), 'regenerated');
  assertClean(home, storeDir);
});

test('a symlinked entry: its target bytes are backed up, only the link is removed, restore writes a regular file', async () => {
  const home = fixtureHome();
  const outside = path.join(tempDir(), 'real-tools.json');
  fs.renameSync(tools(home), outside);
  fs.symlinkSync(outside, tools(home));
  const targetHash = sha(outside);
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok, JSON.stringify(r));
  const f = r.value.snapshot.files.find((x) => x.kind === 'codex_apps_tools')!;
  assert.equal(f.symlink, true);
  assert.equal(f.sha256, targetHash);
  assert.ok(!fs.existsSync(tools(home)) && fs.readdirSync(path.dirname(tools(home))).length === 0, 'link removed, no aside left');
  assert.equal(sha(outside), targetHash, 'target untouched');
  fs.symlinkSync(outside, tools(home));
  const back = await testStore(home).restore({ id: r.value.snapshot.id });
  assert.ok(back.ok, JSON.stringify(back));
  const st = fs.lstatSync(tools(home));
  assert.ok(st.isFile() && !st.isSymbolicLink() && st.nlink === 1 && (st.mode & 0o777) === 0o600);
  assert.equal(sha(outside), targetHash, 'target still untouched');
});

test('links to credentials, hard links, FIFOs and folders named like entries are left alone and reported', async () => {
  const home = fixtureHome('healthy');
  const dir = path.join(home, 'cache/codex_apps_tools');
  fs.symlinkSync(path.join(home, 'auth.json'), path.join(dir, '1111111111111111111111111111111111111111.json'));
  const canary = path.join(home, 'canary.txt');
  fs.writeFileSync(canary, 'hard-link-canary');
  fs.linkSync(canary, path.join(dir, '2222222222222222222222222222222222222222.json'));
  execFileSync('mkfifo', [path.join(dir, '3333333333333333333333333333333333333333.json')]);
  fs.mkdirSync(path.join(dir, '4444444444444444444444444444444444444444.json'));
  fs.symlinkSync(path.join(home, 'missing'), path.join(dir, '5555555555555555555555555555555555555555.json'));
  const spy = createFaultFs(quickFs(), {});
  const r = await testStore(home, { fs: spy.fs }).resetAll({});
  assert.ok(r.ok, JSON.stringify(r));
  const reasons = Object.fromEntries(r.value.skipped.map((s) => [path.basename(s.path).slice(0, 8), s.reason]));
  assert.match(reasons['11111111']!, /symlink to a file Relink never reads/);
  assert.match(reasons['22222222']!, /hard link/);
  assert.match(reasons['33333333']!, /not a regular file/);
  assert.match(reasons['44444444']!, /folder/);
  assert.match(reasons['55555555']!, /dangling symlink/);
  assert.equal(r.value.moved.length, 4);
  const held = manifests(path.join(home, 'relink')).flatMap((m) => m.files.map((f) => f.sha256));
  assert.ok(!held.includes(sha(path.join(home, 'auth.json'))) && !held.includes(sha(canary)));
  assert.ok(!spy.calls.some((c) => c.method === 'open' && c.paths.some((p) => p.endsWith('auth.json'))), 'auth.json never opened');
  assert.ok(fs.lstatSync(path.join(dir, '1111111111111111111111111111111111111111.json')).isSymbolicLink());
  // Case 17: nothing ever renames or removes a cache folder itself.
  const cacheDirs = new Set(['cache', 'cache/codex_apps_tools', 'cache/codex_apps_server_info', 'cache/codex_app_directory', 'cache/remote_plugin_catalog'].map((p) => path.join(home, p)));
  assert.ok(!spy.calls.some((c) => ['rename', 'rmdir', 'rm', 'unlink'].includes(c.method) && c.paths.some((p) => cacheDirs.has(p))));
});

test('the store cannot be put inside the cache folders', async () => {
  const home = fixtureHome();
  const r = await testStore(home, { storeDir: path.join(home, 'cache/codex_apps_tools/store') }).resetConnector({ connectorId: LINEAR });
  assert.equal(!r.ok && r.code, 'bad-input');
  assert.ok(fs.existsSync(tools(home)));
});

test('Codex re-creating the entry between the undo backup and the link wins: kept, reported, all versions kept', async () => {
  const home = fixtureHome();
  const storeDir = path.join(home, 'relink');
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok);
  fs.writeFileSync(tools(home), 'codex v2', { mode: 0o600 });
  const before = allHashes(home, storeDir);
  const racing = createFaultFs(quickFs(), {
    match: (c) => c.method === 'link' && c.paths[1] === tools(home),
    failAt: 1,
    onHit: () => fs.writeFileSync(tools(home), 'codex v3', { mode: 0o600 }),
  });
  const back = await testStore(home, { fs: racing.fs }).restore({ id: r.value.snapshot.id });
  assert.ok(back.ok, JSON.stringify(back));
  assert.equal(fs.readFileSync(tools(home), 'utf8'), 'codex v3', "Codex's file kept");
  assert.match(back.value.warnings.join('\n'), /codex_apps_tools\/.*was not restored: Codex wrote a new version meanwhile/);
  assert.deepEqual(back.value.written.map((w) => w.kind), ['codex_apps_server_info']);
  assertNoLoss(before, home, storeDir);
  assert.ok(allHashes(home, storeDir).has(sha(tools(home))));
  assertClean(home, storeDir);
});

test('restore refuses, before any change, to replace an entry it cannot back up (a folder, a FIFO)', async () => {
  const home = fixtureHome();
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok);
  fs.mkdirSync(tools(home));
  execFileSync('mkfifo', [info(home)]);
  const back = await testStore(home).restore({ id: r.value.snapshot.id });
  assert.equal(!back.ok && back.code, 'bad-input');
  assert.match(!back.ok ? back.message : '', /cannot be replaced safely \(.*\); nothing was changed/);
  assert.ok(fs.statSync(tools(home)).isDirectory() && fs.lstatSync(info(home)).isFIFO());
  assert.equal(manifests(path.join(home, 'relink')).length, 1);
});
