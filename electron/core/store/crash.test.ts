/**
 * Crash at every step (reliability.md §4.2, cases 2, 14, 21, 67): a child process runs the
 * real store with real fsync and SIGKILLs itself before its k-th mutating file-system call,
 * for every k; the parent then recovers and checks I1 (no version lost), I3/I4 (every manifest
 * verifies, nothing half-done visible) and I6 (cache folders kept their inode).
 *
 * Homes live on tmpfs (/dev/shm) when there is one: the fsync calls are real, but cheap, and a
 * SIGKILL keeps the page cache either way (power loss is another matter, not simulated here).
 * The "another volume" scenarios put the store on the disk-backed temp dir instead.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { build } from 'esbuild';
import { CACHE_KINDS } from '../../../shared/schemas';
import { allHashes, assertClean, assertNoLoss, fixtureHome, LINEAR, restoreSetup, STALE_ID, tempDir, testStore } from './testing/harness';

let child = '';

before(async () => {
  child = path.join(tempDir('relink-crash-bin-'), 'crash-child.cjs');
  await build({ entryPoints: [path.join(__dirname, 'testing/crash-child.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'warning' });
});

interface ChildResult { signal: NodeJS.Signals | null; out: string }

function runChild(job: object): Promise<ChildResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_COMPILE_CACHE: path.join(path.dirname(child), 'compile-cache') };
    execFile(process.execPath, [child, JSON.stringify(job)], { timeout: 30_000, env }, (err, stdout) => {
      resolve({ signal: (err as { signal?: NodeJS.Signals } | null)?.signal ?? null, out: stdout });
    });
  });
}

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const shm = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync(tempDir()).dev;
const HOME_BASE = shm ? '/dev/shm' : undefined;

interface Scenario {
  name: string;
  fixture: 'stale-link' | 'healthy';
  op: 'reset' | 'reset-all' | 'restore' | 'recover';
  store?: (home: string) => string;
  /** Also crash inside taking and releasing the lock (the same steps in every scenario). */
  lockSteps?: boolean;
  setup?: (home: string, storeDir: string) => Promise<string | undefined>;
}

/**
 * The 1-based steps worth a crash: all of them, except that a handle `sync` right after
 * `fsyncFile` (the same fsync, counted twice by the wrapper) is skipped, and so are the lock
 * and layout steps unless asked for (one scenario covers those for all).
 */
function pickSteps(calls: string[], lockSteps: boolean): number[] {
  const out: number[] = [];
  calls.forEach((c, i) => {
    if (c.startsWith('sync ') && calls[i - 1]?.startsWith('fsyncFile')) return;
    const lock = /\/(lock|lock-break)(\/|$)|\/tmp\/(stale-)?lock-/.test(c) || (c.startsWith('fsyncDir ') && !c.includes('/backups') && !c.includes('/cache')) || (c.startsWith('mkdir ') && i < 8 && !c.includes('/backups/'));
    if (lock && !lockSteps) return;
    out.push(i + 1);
  });
  return out;
}

const inode = (home: string) => CACHE_KINDS.map((k) => (fs.existsSync(path.join(home, 'cache', k)) ? fs.statSync(path.join(home, 'cache', k)).ino : 0));

async function crashSweep(s: Scenario): Promise<number> {
  const prepare = async () => {
    const home = fixtureHome(s.fixture, HOME_BASE);
    const storeDir = s.store ? s.store(home) : path.join(home, 'relink');
    const id = s.setup ? await s.setup(home, storeDir) : undefined;
    return { home, storeDir, id };
  };
  const probe = await prepare();
  const counted = await runChild({ ...probe, op: s.op, crashAt: 0 });
  const { ok, steps, calls } = JSON.parse(counted.out) as { ok: boolean; steps: number; calls: string[] };
  assert.ok(ok, `${s.name}: the uninterrupted run succeeds (${counted.out})`);
  assert.ok(steps > 3 && calls.length === steps, `${s.name}: ${steps} steps`);
  let killed = 0;
  await pool(pickSteps(calls, s.lockSteps ?? false), 2, async (k) => {
    const { home, storeDir, id } = await prepare();
    const beforeHashes = allHashes(home, storeDir);
    const inodes = inode(home);
    const r = await runChild({ home, storeDir, id, op: s.op, crashAt: k });
    if (r.signal === 'SIGKILL') killed++;
    const where = `${s.name}, killed before step ${k}/${steps}`;
    const rec = await testStore(home, { storeDir }).recover();
    assert.ok(rec.ok, `${where}: recovery ${JSON.stringify(rec)}`);
    assertNoLoss(beforeHashes, home, storeDir, where);
    assertClean(home, storeDir, where);
    assert.deepEqual(inode(home), inodes, `${where}: cache folders kept their inode`);
    for (const k2 of CACHE_KINDS) {
      const dir = path.join(home, 'cache', k2);
      for (const n of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        const st = fs.lstatSync(path.join(dir, n));
        assert.ok(st.isFile() && st.nlink === 1, `${where}: ${k2}/${n} is a plain file`);
      }
    }
  });
  return killed;
}


const SCENARIOS: Scenario[] = [
  { name: 'reset connector', fixture: 'stale-link', op: 'reset', lockSteps: true },
  { name: 'reset all', fixture: 'healthy', op: 'reset-all' },
  { name: 'restore', fixture: 'stale-link', op: 'restore', setup: restoreSetup },
  {
    name: 'recovery of planted half-done work',
    fixture: 'stale-link',
    op: 'recover',
    setup: async (home, storeDir) => {
      assert.ok((await testStore(home, { storeDir }).recover()).ok);
      const orphan = path.join(storeDir, 'backups/20260601T100000000Z-aaaaaa/files/codex_apps_server_info');
      fs.mkdirSync(orphan, { recursive: true, mode: 0o700 });
      fs.renameSync(path.join(home, 'cache/codex_apps_server_info', `${STALE_ID}.json`), path.join(orphan, `${STALE_ID}.json`));
      fs.renameSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`), path.join(home, 'cache/codex_apps_tools', `.relink-aside-0123456789ab-${STALE_ID}.json`));
      return undefined;
    },
  },
];

for (const s of SCENARIOS) {
  test(`SIGKILL at every step of ${s.name}: recovery loses nothing and leaves nothing half-done`, async () => {
    const killed = await crashSweep(s);
    assert.ok(killed > 0, 'at least one run was really killed');
  });
}

test('SIGKILL at every step of a reset into a store on another volume (copy path)', { skip: shm ? false : 'no /dev/shm on another volume here' }, async () => {
  const killed = await crashSweep({ name: 'EXDEV reset', fixture: 'stale-link', op: 'reset', store: () => path.join(tempDir('relink-disk-'), 'store') });
  assert.ok(killed > 0);
});

test('SIGKILL at every step of a restore from a store on another volume', { skip: shm ? false : 'no /dev/shm on another volume here' }, async () => {
  const killed = await crashSweep({ name: 'EXDEV restore', fixture: 'stale-link', op: 'restore', store: () => path.join(tempDir('relink-disk-'), 'store'), setup: restoreSetup });
  assert.ok(killed > 0);
});
