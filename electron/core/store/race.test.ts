/**
 * A simulated Codex writer racing resets and restores (reliability.md cases 8, 15, 22, 28;
 * invariant I1c): every version Relink displaced is in a committed snapshot; the only versions
 * allowed to be missing are ones Codex itself renamed a newer version over; Codex's own
 * renames never fail (its `.tmp*` files are never touched).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { allHashes, assertClean, fixtureHome, LINEAR, manifests, STALE_ID, tempDir, testStore } from './testing/harness';

interface Rec { target: string; i: number; hash: string; ino?: number; over?: number | null; error?: string }

async function writerScript(): Promise<string> {
  const out = path.join(tempDir('relink-writer-bin-'), 'codex-writer.cjs');
  await build({ entryPoints: [path.join(__dirname, 'testing/codex-writer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  return out;
}

async function race(storeDir: (home: string) => string): Promise<string> {
  const home = fixtureHome();
  const store = storeDir(home);
  const original = allHashes(home, store);
  const log = path.join(tempDir(), 'writer.log');
  const targets = ['codex_apps_tools', 'codex_apps_server_info'].map((k) => path.join(home, 'cache', k, `${STALE_ID}.json`));
  const writer = spawn(process.execPath, [await writerScript(), JSON.stringify({ targets, count: 150, log, pauseMs: 2 })], { stdio: 'ignore' });
  const done = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
  let finished = false;
  void done.then(() => (finished = true));
  const s = testStore(home, { storeDir: store });
  let resets = 0;
  let restores = 0;
  while (!finished) {
    const r = await s.resetConnector({ connectorId: LINEAR, force: true });
    if (r.ok) resets++;
    else assert.equal(r.code, 'not-found', JSON.stringify(r)); // nothing to move at that instant
    if (r.ok && resets % 3 === 0) {
      const back = await s.restore({ id: r.value.snapshot.id, force: true });
      assert.ok(back.ok, JSON.stringify(back));
      restores++;
    }
  }
  await done;
  assert.ok((await s.recover()).ok);
  const recs = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
  assert.deepEqual(recs.filter((r) => r.error), [], "Codex's writes never fail");
  // Replay the log in order (inodes are reused): a rename over inode X overwrote the version X held then.
  const atIno = new Map<number, string>();
  const overwrittenByCodex = new Set<string>();
  for (const r of recs) {
    const old = r.over != null ? atIno.get(r.over) : undefined;
    if (old) overwrittenByCodex.add(old);
    atIno.set(r.ino!, r.hash);
  }
  const present = allHashes(home, store);
  const missing = recs.filter((r) => !present.has(r.hash) && !overwrittenByCodex.has(r.hash));
  assert.deepEqual(missing, [], 'I1c: only versions Codex overwrote may be missing');
  const published = new Set([...recs.map((r) => r.hash), ...original]);
  for (const m of manifests(store)) for (const f of m.files) assert.ok(published.has(f.sha256), `${m.id} holds a version nobody published (torn?)`);
  assertClean(home, store);
  assert.ok(resets > 0, `at least one reset raced the writer (${resets} resets, ${restores} restores)`);
  return `${recs.length} Codex writes raced ${resets} resets and ${restores} restores; ${overwrittenByCodex.size} versions overwritten by Codex itself`;
}

test('a Codex writer racing resets and restores on the same volume loses no version Relink displaced', async (t) => {
  t.diagnostic(await race((home) => path.join(home, 'relink')));
});

const shm = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync(tempDir()).dev;
test('the same race with the store on another volume (copy + aside path)', { skip: shm ? false : 'no /dev/shm on another volume here' }, async (t) => {
  t.diagnostic(await race(() => path.join(tempDir('relink-shm-', '/dev/shm'), 'store')));
});
