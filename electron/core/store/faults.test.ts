/**
 * Fault injection at every mutating step (reliability.md §4.1, cases 4, 6, 19, 39): the Nth
 * file-system call fails with ENOSPC / EACCES / EIO. The action answers a typed failure and
 * leaves the cache as it was, or succeeds; either way, after recovery no version is lost.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CACHE_KINDS } from '../../../shared/schemas';
import { createFaultFs } from '../testing/fault-fs';
import type { Store } from './index';
import { allHashes, assertClean, assertNoLoss, fixtureHome, LINEAR, manifests, quickFs, sha, STALE_ID, testStore } from './testing/harness';

type Op = { name: string; fixture: 'stale-link' | 'healthy'; setup?: (home: string) => Promise<string | null>; run: (s: Store, arg: string | null) => Promise<{ ok: boolean }> };

/** path → hash of every regular file in the cache folders. */
function cacheState(home: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of CACHE_KINDS) {
    const dir = path.join(home, 'cache', k);
    if (!fs.existsSync(dir)) continue;
    for (const n of fs.readdirSync(dir)) out[`${k}/${n}`] = sha(path.join(dir, n));
  }
  return out;
}

const OPS: Op[] = [
  { name: 'reset connector', fixture: 'stale-link', run: (s) => s.resetConnector({ connectorId: LINEAR }) },
  { name: 'reset all', fixture: 'healthy', run: (s) => s.resetAll({}) },
  {
    name: 'restore',
    fixture: 'stale-link',
    setup: async (home) => {
      const r = await testStore(home).resetConnector({ connectorId: LINEAR });
      assert.ok(r.ok);
      fs.writeFileSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`), '{"schema_version":4,"tools":[]}');
      return r.value.snapshot.id;
    },
    run: (s, id) => s.restore({ id: id! }),
  },
];

const EXPECTED: Record<string, string> = { ENOSPC: 'disk-full', EACCES: 'permission-denied', EIO: 'io-error', EROFS: 'permission-denied' };

async function sweep(op: Op, code: string): Promise<{ steps: number; failures: number }> {
  const probeHome = fixtureHome(op.fixture);
  const probeArg = op.setup ? await op.setup(probeHome) : null;
  const counter = createFaultFs(quickFs(), {});
  assert.ok((await op.run(testStore(probeHome, { fs: counter.fs }), probeArg)).ok);
  const steps = counter.counted();
  let failures = 0;
  for (let k = 1; k <= steps; k++) {
    const home = fixtureHome(op.fixture);
    const arg = op.setup ? await op.setup(home) : null;
    const store = path.join(home, 'relink');
    const before = allHashes(home, store);
    const cacheBefore = cacheState(home);
    const committedBefore = manifests(store).map((m) => m.id).sort();
    const faulty = createFaultFs(quickFs(), { failAt: k, code });
    const r = await op.run(testStore(home, { fs: faulty.fs }), arg);
    const where = `${op.name} ${code} at step ${k}/${steps}`;
    if (!r.ok) {
      failures++;
      assert.equal((r as unknown as { code: string }).code, EXPECTED[code], where);
      assert.deepEqual(cacheState(home), cacheBefore, `${where}: cache left as it was`);
      // A restore that failed after committing its undo snapshot keeps it: backups are never deleted.
      const added = manifests(store).filter((m) => !committedBefore.includes(m.id));
      assert.ok(added.every((m) => m.reason === 'before-restore'), `${where}: no other snapshot committed`);
    }
    assertNoLoss(before, home, store, where);
    const rec = await testStore(home).recover();
    assert.ok(rec.ok, `${where}: recovery ${JSON.stringify(rec)}`);
    assertNoLoss(before, home, store, `${where}, after recovery`);
    assertClean(home, store, `${where}, after recovery`);
  }
  return { steps, failures };
}

for (const op of OPS) {
  test(`${op.name}: ENOSPC at every mutating step fails cleanly and loses nothing`, async () => {
    const { steps, failures } = await sweep(op, 'ENOSPC');
    assert.ok(steps > 5, `counted ${steps} steps`);
    assert.ok(failures >= steps / 2, `${failures}/${steps} steps surfaced the fault`);
  });
}

test('reset connector: EACCES and EIO at every mutating step fail cleanly and lose nothing', async () => {
  for (const code of ['EACCES', 'EIO']) await sweep(OPS[0]!, code);
});

test('EPERM unlinking asides on the copy path: the reset is committed, each stuck entry is reported, nothing is lost', async () => {
  const home = fixtureHome('healthy');
  const store = path.join(home, 'relink');
  const before = allHashes(home, store);
  // Every rename out of the cache is EXDEV (as with a store on another volume): all copy path.
  const exdev = createFaultFs(quickFs(), {
    match: (c) => c.method === 'rename' && c.paths[0]!.includes('/cache/') && c.paths[1]!.includes('/relink/'), failAt: 1, persistent: true, code: 'EXDEV',
  });
  const eperm = createFaultFs(exdev.fs, { match: (c) => c.method === 'unlink' && c.paths[0]!.includes('.relink-aside-'), failAt: 2, code: 'EPERM' });
  const r = await testStore(home, { fs: eperm.fs }).resetAll({});
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.snapshot.files.length, 4);
  assert.equal(r.value.moved.length, 4, 'all four left the cache under their names');
  const stuck = r.value.skipped.filter((s) => /could not be removed/.test(s.reason));
  assert.equal(stuck.length, 1);
  assertNoLoss(before, home, store);
  const rec = await testStore(home).recover();
  assert.ok(rec.ok);
  assertNoLoss(before, home, store, 'after recovery');
  assertClean(home, store, 'after recovery');
  assert.equal(manifests(store).length, 1, 'the stuck aside was already backed up: no extra snapshot');
});
