/**
 * Test-only helpers for the store suites: fixture homes on real temp dirs, a store with
 * injected clock/probe/inventory, and the invariant checks of reliability.md §3.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SnapshotConnector } from '../../../../shared/schemas';
import { CACHE_KINDS, Snapshot } from '../../../../shared/schemas';
import type { Clock } from '../../deps';
import type { Fs } from '../../fs-facade';
import { createNodeFs } from '../../fs-facade';
import type { CodexProcess } from '../../process-probe';
import type { Store, StoreDeps } from '../index';
import { openStore } from '../index';
import { STALE_ROWS as CRASH_ROWS } from './crash-rows';
import { FIXTURES_DIR, IDS } from '../../testing/fixtures';

/** Fixture trees copied into the repo. */
export const FIXTURES = FIXTURES_DIR;
/** The stale-link fixture's identity (file stem). */
export const STALE_ID = IDS.staleIdentity;
/** Linear's connector id in the fixtures. */
export const LINEAR = IDS.linear;
/** Google Calendar's connector id in the fixtures. */
export const GCAL = IDS.calendar;
/** The fixture mtime (codex-caches fixture README). */
export const FIXTURE_MTIME = new Date('2026-05-27T14:42:11Z');

/** The stale-link fixture's connectors as the read model reports them. */
export const STALE_ROWS: SnapshotConnector[] = CRASH_ROWS;

/** A fresh temp dir, removed by `t.after` when given. */
export function tempDir(prefix = 'relink-store-', base = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(base, prefix));
}

/** Copies a fixture tree to a temp CODEX_HOME (canonical path), with fixed mtimes and 0600 files. */
export function fixtureHome(name: 'healthy' | 'stale-link' | 'invalid' = 'stale-link', base = os.tmpdir()): string {
  const home = fs.realpathSync(tempDir('relink-home-', base));
  fs.cpSync(path.join(FIXTURES, name, 'cache'), path.join(home, 'cache'), { recursive: true });
  for (const kind of CACHE_KINDS) {
    const dir = path.join(home, 'cache', kind);
    if (!fs.existsSync(dir)) continue;
    for (const n of fs.readdirSync(dir)) {
      fs.chmodSync(path.join(dir, n), 0o600);
      fs.utimesSync(path.join(dir, n), FIXTURE_MTIME, FIXTURE_MTIME);
    }
  }
  fs.writeFileSync(path.join(home, 'auth.json'), '{"canary":"auth-secret-canary"}');
  return home;
}

/** A clock that advances one second per reading, from `start`. */
export function steppingClock(start = new Date('2026-06-01T10:00:00Z')): Clock & { set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date((t += 1000)),
    set: (d) => {
      t = d.getTime();
    },
  };
}

/** A probe that reports whatever `running` holds. */
export function fakeProbe(running: CodexProcess[] = []) {
  return { running, list: async () => [...running] };
}

/** Opens a store on `home` with test deps (no fsync unless `fs` is given). */
export function testStore(home: string, over: Partial<StoreDeps> = {}): Store {
  return openStore({
    fs: createNodeFs({ noSync: true }),
    clock: steppingClock(),
    codexHome: home,
    probe: fakeProbe(),
    inventory: async () => STALE_ROWS,
    appVersion: '0.0.0-test',
    ...over,
  });
}

/** sha256 of a file's bytes. */
export function sha(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function regularFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...regularFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Committed manifests under the store (parsed), keyed by id. */
export function manifests(storeDir: string): Snapshot[] {
  const b = path.join(storeDir, 'backups');
  if (!fs.existsSync(b)) return [];
  return fs
    .readdirSync(b)
    .filter((id) => fs.existsSync(path.join(b, id, 'manifest.json')))
    .map((id) => Snapshot.parse(JSON.parse(fs.readFileSync(path.join(b, id, 'manifest.json'), 'utf8'))));
}

/** H(C) ∪ H(B): content hashes in the cache folders and referenced by committed manifests. */
export function allHashes(home: string, storeDir: string): Set<string> {
  const out = new Set<string>();
  for (const kind of CACHE_KINDS) for (const f of regularFiles(path.join(home, 'cache', kind))) out.add(sha(f));
  for (const m of manifests(storeDir)) for (const f of m.files) out.add(f.sha256);
  return out;
}

/** I1: every hash of `before` is still present. */
export function assertNoLoss(before: Set<string>, home: string, storeDir: string, where = ''): void {
  const now = allHashes(home, storeDir);
  const lost = [...before].filter((h) => !now.has(h));
  assert.deepEqual(lost, [], `I1 violated ${where}: lost ${lost.length} version(s)`);
}

/** I3 + I4 + I5: manifests verify, nothing half-done is visible, modes are right. */
export function assertClean(home: string, storeDir: string, where = ''): void {
  const b = path.join(storeDir, 'backups');
  for (const id of fs.existsSync(b) ? fs.readdirSync(b) : []) {
    assert.ok(fs.existsSync(path.join(b, id, 'manifest.json')), `I4 ${where}: ${id} has no manifest`);
    assert.equal(fs.statSync(path.join(b, id)).mode & 0o777, 0o700, `I5 ${where}: ${id} not 0700`);
  }
  for (const m of manifests(storeDir)) {
    const held = regularFiles(path.join(b, m.id));
    assert.equal(held.length, m.files.length + 1, `I4 ${where}: ${m.id} holds unlisted files`);
    for (const f of m.files) {
      const p = path.join(b, m.id, 'files', f.kind, path.basename(f.path));
      assert.ok(fs.existsSync(p), `I3 ${where}: ${m.id} misses ${f.path}`);
      assert.equal(sha(p), f.sha256, `I3 ${where}: ${m.id} ${f.path} hash`);
      assert.equal(fs.statSync(p).mode & 0o777, 0o600, `I5 ${where}: ${p} mode`);
    }
  }
  for (const kind of CACHE_KINDS) {
    const dir = path.join(home, 'cache', kind);
    if (!fs.existsSync(dir)) continue;
    const own = fs.readdirSync(dir).filter((n) => n.startsWith('.relink-'));
    assert.deepEqual(own, [], `I4 ${where}: leftovers in ${kind}`);
  }
}

/** The real fs with noSync, as a shorthand. */
export function quickFs(): Fs {
  return createNodeFs({ noSync: true });
}

/**
 * Before a restore test: reset Linear (the backup to restore) and let "Codex" write a new
 * tools file, so the restore has something to replace. Returns the backup's id.
 */
export async function restoreSetup(home: string, storeDir: string): Promise<string> {
  const r = await testStore(home, { storeDir }).resetConnector({ connectorId: LINEAR });
  assert.ok(r.ok);
  fs.writeFileSync(path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`), '{"schema_version":4,"tools":[]}', { mode: 0o600 });
  return r.value.snapshot.id;
}
