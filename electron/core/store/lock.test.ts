import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ProcInfo } from './lock';
import { acquireLock } from './lock';
import { storePaths, ensureLayout } from './layout';
import { fixtureHome, LINEAR, quickFs, steppingClock, tempDir, testStore } from './testing/harness';

let n = 0;
const random = (bytes: number) => (++n).toString(16).padStart(bytes * 2, '0').slice(-bytes * 2);

function plantLock(root: string, owner: object, mtime?: Date): void {
  fs.mkdirSync(path.join(root, 'lock'), { recursive: true });
  fs.writeFileSync(path.join(root, 'lock/owner.json'), JSON.stringify(owner));
  if (mtime) fs.utimesSync(path.join(root, 'lock/owner.json'), mtime, mtime);
}

const selfProc = (over: Partial<ProcInfo> = {}): ProcInfo => ({
  pid: process.pid, host: os.hostname(), alive: (pid) => pid === process.pid, startTime: async (pid) => (pid === process.pid ? 'S1' : null), ...over,
});

test('two concurrent resets on one store: one succeeds, the other answers busy and changes nothing', async () => {
  const home = fixtureHome('healthy');
  const [a, b] = await Promise.all([testStore(home).resetAll({}), testStore(home).resetAll({})]);
  const oks = [a, b].filter((r) => r.ok);
  const busy = [a, b].filter((r) => !r.ok && r.code === 'busy');
  assert.equal(oks.length, 1, JSON.stringify([a, b]));
  assert.equal(busy.length, 1);
  assert.match(!busy[0]!.ok ? busy[0]!.message : '', /Another Relink \(process \d+ on this computer\) is changing backups/);
  assert.equal(fs.readdirSync(path.join(home, 'relink/backups')).length, 1);
  assert.ok(!fs.existsSync(path.join(home, 'relink/lock')), 'lock released');
});

test('a lock left by a dead process is taken over; a live one is never broken, whatever the clock says', async () => {
  const home = fixtureHome();
  const root = path.join(home, 'relink');
  plantLock(root, { pid: 2 ** 22 + 12345, start: 'X', host: os.hostname(), nonce: 'dead' });
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok, JSON.stringify(r));
  assert.ok(!fs.existsSync(path.join(root, 'lock')));
  assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), [], 'no staging or broken-lock leftovers');

  plantLock(root, { pid: process.ppid, start: 'S1', host: os.hostname(), nonce: 'live' }, new Date('2020-01-01T00:00:00Z'));
  const clock = steppingClock(new Date('2030-01-01T00:00:00Z'));
  const busy = await testStore(home, { clock, proc: selfProc({ alive: () => true, startTime: async () => 'S1' }) }).resetAll({ force: true });
  assert.equal(!busy.ok && busy.code, 'busy');
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'lock/owner.json'), 'utf8')).nonce, 'live');
});

test('a live PID with another start time is a reused PID: the lock is stale', async () => {
  const home = fixtureHome();
  const root = path.join(home, 'relink');
  plantLock(root, { pid: process.ppid, start: 'OLD', host: os.hostname(), nonce: 'reused' });
  const r = await testStore(home, { proc: selfProc({ alive: () => true, startTime: async () => 'NEW' }) }).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok, JSON.stringify(r));
});

test('another host: a fresh heartbeat holds, one older than 30 minutes is stale', async () => {
  const fsx = quickFs();
  const root = tempDir();
  const paths = storePaths(root);
  await ensureLayout(fsx, paths);
  const now = new Date('2026-06-01T12:00:00Z');
  plantLock(root, { pid: 1, start: null, host: 'other-host', nonce: 'remote' }, new Date(now.getTime() - 5 * 60_000));
  const clock = { now: () => now };
  const held = await acquireLock({ fs: fsx, clock, random, paths, proc: selfProc() });
  assert.equal(!held.ok && held.code, 'busy');
  fs.utimesSync(path.join(root, 'lock/owner.json'), new Date(now.getTime() - 31 * 60_000), new Date(now.getTime() - 31 * 60_000));
  const taken = await acquireLock({ fs: fsx, clock, random, paths, proc: selfProc() });
  assert.ok(taken.ok);
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'lock/owner.json'), 'utf8')).pid, process.pid);
  const again = await acquireLock({ fs: fsx, clock, random, paths, proc: selfProc() });
  assert.equal(!again.ok && again.code, 'busy', 'our own live lock is not re-entrant');
  await taken.value.release();
  assert.ok(!fs.existsSync(path.join(root, 'lock')));
});

test('release never removes a lock that is no longer ours', async () => {
  const fsx = quickFs();
  const root = tempDir();
  const paths = storePaths(root);
  await ensureLayout(fsx, paths);
  const mine = await acquireLock({ fs: fsx, clock: steppingClock(), random, paths, proc: selfProc() });
  assert.ok(mine.ok);
  fs.writeFileSync(path.join(root, 'lock/owner.json'), JSON.stringify({ pid: 7, start: null, host: 'h', nonce: 'someone-else' }));
  await mine.value.release();
  assert.ok(fs.existsSync(path.join(root, 'lock/owner.json')));
});

test('a lock this very process leaked (a failed release) is stale, so a long-lived app is not locked out', async () => {
  const home = fixtureHome();
  plantLock(path.join(home, 'relink'), { pid: process.pid, start: null, host: os.hostname(), nonce: 'leaked' });
  const r = await testStore(home).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok, JSON.stringify(r));
});

test('recovery leaves alone a lock being staged by another process (owner.json not written yet); an old torn one is cleaned', async () => {
  const home = fixtureHome();
  const paths = storePaths(path.join(home, 'relink'));
  await ensureLayout(quickFs(), paths);
  const staging = path.join(paths.tmp, 'lock-00ff00ff00ff00ff');
  fs.mkdirSync(staging, { mode: 0o700 });
  fs.writeFileSync(path.join(staging, 'owner.json'), ''); // created, not yet written
  const r1 = await testStore(home, { clock: steppingClock(new Date()) }).recover();
  assert.ok(r1.ok);
  assert.ok(fs.existsSync(path.join(staging, 'owner.json')), 'a young staging folder is someone mid-publish');
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(staging, old, old);
  const r2 = await testStore(home, { clock: steppingClock(new Date()) }).recover();
  assert.ok(r2.ok);
  assert.ok(!fs.existsSync(staging), 'an old torn staging folder is cleaned');
});
