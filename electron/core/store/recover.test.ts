import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RecoveryReport } from '../../../shared/schemas';
import { allHashes, assertClean, assertNoLoss, fixtureHome, LINEAR, manifests, STALE_ID, testStore } from './testing/harness';

const toolsDir = (home: string) => path.join(home, 'cache/codex_apps_tools');

test('a snapshot folder without manifest and a loose aside are adopted into recovered snapshots; nothing is deleted', async () => {
  const home = fixtureHome();
  const store = path.join(home, 'relink');
  await testStore(home).recover(); // creates the layout
  const orphan = path.join(store, 'backups/20260601T100000000Z-aaaaaa/files/codex_apps_server_info');
  fs.mkdirSync(orphan, { recursive: true });
  fs.renameSync(path.join(home, 'cache/codex_apps_server_info', `${STALE_ID}.json`), path.join(orphan, `${STALE_ID}.json`));
  fs.writeFileSync(path.join(orphan, `.relink-part-0123456789ab-${STALE_ID}.json`), 'partial copy');
  const aside = path.join(toolsDir(home), `.relink-aside-0123456789ab-${STALE_ID}.json`);
  fs.renameSync(path.join(toolsDir(home), `${STALE_ID}.json`), aside);
  const before = allHashes(home, store);
  // A restore temp is a copy of committed bytes (or a partial one): recovery deletes it.
  fs.writeFileSync(path.join(toolsDir(home), `.relink-restore-0123456789ab-${STALE_ID}.json`), 'restore temp');
  const nearMisses = ['.relink-aside-XYZ-a.json', '.Relink-aside-0123456789ab-a.json', '.relink-restore-0123456789ab-a.jsonx', '.tmpQ1w2e3'];
  for (const n of nearMisses) fs.writeFileSync(path.join(toolsDir(home), n), n);

  const r = await testStore(home).recover();
  assert.ok(r.ok, JSON.stringify(r));
  RecoveryReport.parse(r.value);
  assert.deepEqual(r.value.recovered.length, 2);
  assert.equal(r.value.adoptedAsides, 1);
  const ms = manifests(store);
  assert.ok(ms.every((m) => m.reason === 'recovered'));
  assert.deepEqual(ms.flatMap((m) => m.files.map((f) => f.path)).sort(), [`cache/codex_apps_server_info/${STALE_ID}.json`, `cache/codex_apps_tools/${STALE_ID}.json`]);
  for (const n of nearMisses) assert.equal(fs.readFileSync(path.join(toolsDir(home), n), 'utf8'), n, `near-miss ${n} untouched`);
  for (const n of nearMisses) fs.rmSync(path.join(toolsDir(home), n));
  assertNoLoss(before, home, store);
  assertClean(home, store);

  const again = await testStore(home).recover();
  assert.ok(again.ok);
  assert.deepEqual(again.value, { recovered: [], completed: [], adoptedAsides: 0, removedTemps: 0, finishedPrunes: 0 });
});

test('an aside whose bytes are already committed is simply removed; an interrupted prune is finished', async () => {
  const home = fixtureHome();
  const store = path.join(home, 'relink');
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok);
  const held = path.join(store, 'backups', r.value.snapshot.id, 'files/codex_apps_tools', `${STALE_ID}.json`);
  fs.copyFileSync(held, path.join(toolsDir(home), `.relink-aside-00000000beef-${STALE_ID}.json`));
  const pruned = path.join(store, 'tmp', `prune-20260101T000000000Z-bbbbbb-0123456789ab`);
  fs.mkdirSync(path.join(pruned, 'files'), { recursive: true });
  fs.writeFileSync(path.join(pruned, 'manifest.json'), '{}');
  const rec = await testStore(home).recover();
  assert.ok(rec.ok);
  assert.deepEqual(rec.value.recovered, []);
  assert.equal(rec.value.finishedPrunes, 1);
  assert.ok(!fs.existsSync(pruned));
  assert.equal(manifests(store).length, 1);
  assertClean(home, store);
});

test('an interrupted commit whose manifest temp is whole is completed with its original reason', async () => {
  const home = fixtureHome();
  const store = path.join(home, 'relink');
  const r = await testStore(home).resetConnector({ connectorId: LINEAR, label: 'mine' });
  assert.ok(r.ok);
  const dir = path.join(store, 'backups', r.value.snapshot.id);
  fs.renameSync(path.join(dir, 'manifest.json'), path.join(dir, '.manifest-0123456789abcdef.tmp'));
  const rec = await testStore(home).recover();
  assert.ok(rec.ok);
  assert.deepEqual(rec.value.completed, [r.value.snapshot.id]);
  assert.deepEqual(manifests(store), [r.value.snapshot]);
});
