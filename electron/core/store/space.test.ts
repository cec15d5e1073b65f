/**
 * Free-space checks before any write (reliability.md test plan case 5).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fs } from '../fs-facade';
import { createNodeFs } from '../fs-facade';
import { headroom } from './space';
import { LINEAR, STALE_ID, allHashes, assertNoLoss, fixtureHome, manifests, sha, tempDir, testStore } from './testing/harness';

/** A real Fs whose statfs reports `freeBytes` available. */
function lowSpaceFs(freeBytes: number): Fs {
  const base = createNodeFs({ noSync: true });
  return { ...base, statfs: async (p) => ({ ...(await base.statfs(p)), bavail: Math.floor(freeBytes / 4096), bsize: 4096 }) };
}

const tools = (home: string) => path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`);
const storeOf = (home: string) => path.join(home, 'relink');

test('headroom is 1 MiB or 5 %', () => {
  assert.equal(headroom(10), 1024 * 1024);
  assert.equal(headroom(100 * 1024 * 1024), 5 * 1024 * 1024);
});

test('restore is refused before any change when the cache disk is too full', async () => {
  const home = fixtureHome();
  const reset = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(reset.ok);
  fs.writeFileSync(tools(home), '{"schema_version":4,"tools":[]}');
  const before = allHashes(home, storeOf(home));
  const toolsBefore = sha(tools(home));
  const r = await testStore(home, { fs: lowSpaceFs(4096) }).restore({ id: reset.value.snapshot.id });
  assert.ok(!r.ok && r.code === 'disk-full', JSON.stringify(r));
  assert.match(r.ok ? '' : r.message, /needs 1\.0 MB free .* only 0\.0 MB is free; nothing was changed/);
  assert.equal(sha(tools(home)), toolsBefore, 'the cache is untouched');
  assert.equal(manifests(storeOf(home)).length, 1, 'no undo snapshot was taken');
  assertNoLoss(before, home, storeOf(home));
  const ok = await testStore(home).restore({ id: reset.value.snapshot.id });
  assert.ok(ok.ok, 'with room it works');
});

test('a reset into a store on another disk checks that disk has room for the copies', { skip: fs.existsSync('/dev/shm') ? false : 'no /dev/shm for a second volume' }, async () => {
  const home = fixtureHome();
  const store = tempDir('relink-shm-store-', '/dev/shm');
  try {
    const before = allHashes(home, store);
    const r = await testStore(home, { storeDir: store, fs: lowSpaceFs(1024) }).resetConnector({ connectorId: LINEAR });
    assert.ok(!r.ok && r.code === 'disk-full', JSON.stringify(r));
    assert.ok(fs.existsSync(tools(home)), 'nothing moved');
    assertNoLoss(before, home, store);
    const sameDisk = await testStore(home, { fs: lowSpaceFs(1024) }).resetConnector({ connectorId: LINEAR });
    assert.ok(sameDisk.ok, 'on the same disk a reset is a rename and needs no space');
  } finally {
    fs.rmSync(store, { recursive: true, force: true });
  }
});
