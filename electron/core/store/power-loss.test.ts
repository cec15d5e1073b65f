/**
 * Power loss at every step (reliability.md §7 cases 3, 14, 21): the real store runs with real
 * fsync through `durability-fs`, whose shadow model knows which names and which file contents
 * a power loss would keep (rule 6: an entry is durable only after its folder is fsynced). After
 * every call k of reset, reset --all and restore, every world a power cut there could leave is
 * checked (exhaustively, over the ops still pending):
 *
 * (a) I3: a manifest.json that may exist has durable content, and in every world where it
 *     exists each snapshot file it names exists with durable bytes of the recorded hash;
 * (b) I1: every version present at the start (cache entries and committed snapshot files) is
 *     held in every world by some name whose bytes are durable (an atomic rename keeps one of
 *     its two names; restore temps and partial copies do not count: recovery deletes them);
 * (c) I7: a cache entry is, in every world, absent or a durable whole file holding its old
 *     bytes or the restored ones, never a name on bytes that are not durable yet;
 * (d) once the operation has returned, the worst case equals what is on disk for the cache
 *     folders and backups/ (nothing it reported is still pending).
 *
 * The check runs before the first call and after every call that changed the model; after a
 * read-only call the possible worlds are those of the call before. SIGKILL (crash.test.ts)
 * keeps the page cache, so it cannot see a missing fsync; this can.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CACHE_KINDS, Snapshot } from '../../../shared/schemas';
import { createNodeFs } from '../fs-facade';
import { createDurabilityFs, type DurabilityModel } from '../testing/durability-fs';
import type { Store } from './index';
import { allHashes, fixtureHome, LINEAR, manifests, restoreSetup, STALE_ID, testStore } from './testing/harness';

const STORE = 'relink';
const TEMP_NAME = /^(\.relink-(restore|part)-|\.manifest-)/;
const shm = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory();
const HOME_BASE = shm ? '/dev/shm' : os.tmpdir();

interface Expect {
  /** Hash → where that version was at the start. */
  versions: Map<string, string>;
  /** Hashes a cache entry (path relative to the home) may hold after a power loss. */
  allowed: (rel: string) => Set<string>;
}

interface Stats {
  states: number;
  /** States where some version's holder was uncertain (more than one world to check). */
  uncertain: number;
  /** States where a manifest may exist and was checked against its files. */
  manifestsChecked: number;
  maxWorlds: number;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function fileOf(model: DurabilityModel, id: number | null) {
  const n = id === null ? undefined : model.inodes.get(id);
  return n && n.type === 'file' ? n : null;
}

/** (a): manifests that may exist against the snapshot files they name. */
function checkManifests(model: DurabilityModel, tree: Map<string, Set<number>>, stats: Stats, out: string[]): void {
  const re = new RegExp(`^${STORE}/backups/([^/]+)/manifest\\.json$`);
  for (const p of tree.keys()) {
    const id = re.exec(p)?.[1];
    if (id === undefined) continue;
    const seen = new Map<number, string>();
    for (const w of model.worlds([p])) {
      const m = w.resolve(p);
      if (m !== null && !seen.has(m)) seen.set(m, w.describe());
    }
    for (const [m, where] of seen) {
      stats.manifestsChecked++;
      const node = fileOf(model, m);
      if (!node || node.data === 'unknown' || node.data.bytes === null) {
        out.push(`I3: ${p} may exist with content that is not durable yet, ${where}`);
        continue;
      }
      let snap: Snapshot;
      try {
        snap = Snapshot.parse(JSON.parse(node.data.bytes.toString('utf8')));
      } catch {
        out.push(`I3: ${p} may exist with content that is not a manifest, ${where}`);
        continue;
      }
      for (const f of snap.files) {
        const fp = `${STORE}/backups/${id}/files/${f.kind}/${path.posix.basename(f.path)}`;
        for (const w of model.worlds([p, fp])) {
          if (w.resolve(p) !== m) continue;
          const held = fileOf(model, w.resolve(fp));
          const problem = !held ? 'is missing' : held.data === 'unknown' ? 'has content that is not durable (missing or short)' : held.data.hash !== f.sha256 ? 'holds other bytes' : null;
          if (problem) {
            out.push(`I3: ${p} is durable but the snapshot file it names, ${fp}, ${problem}, ${w.describe()}`);
            break;
          }
        }
      }
    }
  }
}

/** (b): every starting version is held, in every world, by a name with durable bytes. */
function checkVersions(model: DurabilityModel, tree: Map<string, Set<number>>, exp: Expect, stats: Stats, out: string[]): void {
  const holders = new Map<string, string[]>();
  for (const [p, ids] of tree) {
    if (TEMP_NAME.test(path.posix.basename(p))) continue;
    for (const id of ids) {
      const n = fileOf(model, id);
      if (!n || n.data === 'unknown') continue;
      const list = holders.get(n.data.hash) ?? [];
      if (!list.includes(p)) list.push(p);
      holders.set(n.data.hash, list);
    }
  }
  let uncertain = false;
  for (const [hash, origin] of exp.versions) {
    const ps = holders.get(hash) ?? [];
    if (ps.length === 0) {
      out.push(`I1: the version of ${origin} is held by no name at all`);
      continue;
    }
    let worlds = 0;
    for (const w of model.worlds(ps)) {
      worlds++;
      const kept = ps.some((p) => {
        const n = fileOf(model, w.resolve(p));
        return n !== null && n.data !== 'unknown' && n.data.hash === hash;
      });
      if (!kept) {
        out.push(`I1: the version of ${origin} is lost (every name that held it, ${ps.join(', ')}, is gone) ${w.describe()}`);
        break;
      }
    }
    stats.maxWorlds = Math.max(stats.maxWorlds, worlds);
    if (worlds > 1) uncertain = true;
  }
  if (uncertain) stats.uncertain++;
}

/** (c): cache entries are absent, their old bytes or the restored bytes, always durable. */
function checkEntries(model: DurabilityModel, tree: Map<string, Set<number>>, exp: Expect, out: string[]): void {
  for (const p of tree.keys()) {
    const m = /^cache\/([^/]+)\/([^/]+)$/.exec(p);
    if (!m || m[2]!.startsWith('.')) continue;
    const allowed = exp.allowed(p);
    for (const w of model.worlds([p])) {
      const id = w.resolve(p);
      if (id === null) continue;
      const n = fileOf(model, id);
      const problem = !n ? 'is not a regular file' : n.data === 'unknown' ? 'names content that is not durable yet (missing or short)' : !allowed.has(n.data.hash) ? 'holds bytes that are neither its old version nor the restored one' : null;
      if (problem) {
        out.push(`I7: cache entry ${p} ${problem}, ${w.describe()}`);
        break;
      }
    }
  }
}

/** (d): after the operation returned, nothing under cache/ or backups/ is still pending. */
function checkSettled(model: DurabilityModel): string[] {
  const out: string[] = [];
  for (const p of model.mayTree().keys()) {
    if (!p.startsWith('cache/') && !p.startsWith(`${STORE}/backups/`)) continue;
    const now = model.lookupNow(p);
    for (const w of model.worlds([p])) {
      if (w.resolve(p) !== now) {
        out.push(`after the operation returned, ${p} is ${now === null ? 'gone' : 'there'} on disk but not durably so, ${w.describe()}`);
        break;
      }
    }
    const n = fileOf(model, now);
    if (n && n.data === 'unknown') out.push(`after the operation returned, ${p} has content that is not durable`);
  }
  return out;
}

function cacheFiles(home: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of CACHE_KINDS) {
    const dir = path.join(home, 'cache', kind);
    if (!fs.existsSync(dir)) continue;
    for (const n of fs.readdirSync(dir)) {
      const p = path.join(dir, n);
      if (fs.lstatSync(p).isFile()) out.set(`cache/${kind}/${n}`, sha(fs.readFileSync(p)));
    }
  }
  return out;
}

/** Removes a fixture home this suite made (never its parent: it is a direct child of the temp base). */
function removeHome(home: string): void {
  if (!path.basename(home).startsWith('relink-home-') || path.dirname(home) !== fs.realpathSync(HOME_BASE)) throw new Error(`not a fixture home: ${home}`);
  fs.rmSync(home, { recursive: true, force: true });
}

interface Scenario {
  name: string;
  setup?: (home: string, storeDir: string) => Promise<string>;
  run: (s: Store, arg: string | undefined) => Promise<{ ok: boolean }>;
  /** A floor on the Fs calls the run makes (guards against a run that silently did nothing). */
  minCalls: number;
}

async function powerLossSweep(s: Scenario): Promise<{ stats: Stats; calls: number }> {
  const home = fixtureHome('stale-link', HOME_BASE);
  try {
    const storeDir = path.join(home, STORE);
    const arg = s.setup ? await s.setup(home, storeDir) : undefined;
    const start = cacheFiles(home);
    const versions = new Map<string, string>();
    for (const [p, h] of start) versions.set(h, p);
    for (const m of manifests(storeDir)) for (const f of m.files) if (!versions.has(f.sha256)) versions.set(f.sha256, `${f.path} in backup ${m.id}`);
    assert.equal(versions.size, allHashes(home, storeDir).size);
    const restored = new Map<string, Set<string>>();
    if (arg) for (const f of manifests(storeDir).find((m) => m.id === arg)!.files) restored.set(f.path, new Set([...(restored.get(f.path) ?? []), f.sha256]));
    const exp: Expect = {
      versions,
      allowed: (rel) => new Set([...(start.has(rel) ? [start.get(rel)!] : []), ...(restored.get(rel) ?? [])]),
    };

    const { fs: dfs, model } = createDurabilityFs(home, createNodeFs());
    const stats: Stats = { states: 0, uncertain: 0, manifestsChecked: 0, maxWorlds: 0 };
    const found: string[] = [];
    const checkAt = (label: string) => {
      stats.states++;
      const tree = model.mayTree();
      const out: string[] = [];
      try {
        checkManifests(model, tree, stats, out);
        checkVersions(model, tree, exp, stats, out);
        checkEntries(model, tree, exp, out);
      } catch (err) {
        out.push(String(err));
      }
      for (const o of out) found.push(`power cut ${label}: ${o}`);
    };
    checkAt('before the first call');
    model.onChange = (k) => {
      const c = model.calls[k - 1]!;
      checkAt(`after call #${k} (${c.method} ${c.paths.map((p) => model.rel(p) ?? p).join(' -> ')})`);
    };
    const r = await s.run(testStore(home, { storeDir, fs: dfs }), arg);
    model.onChange = null;
    assert.ok(r.ok, `${s.name}: the operation succeeds (${JSON.stringify(r)})`);
    assert.deepEqual(model.errors, [], `${s.name}: every call was modelled`);
    const unique = [...new Set(found)];
    assert.deepEqual(unique.slice(0, 6), [], `${s.name}: ${unique.length} power-loss violation(s) over ${model.calls.length} calls; the first ones are shown`);
    assert.deepEqual(checkSettled(model), [], `${s.name}: the result is durable when the operation returns`);
    assert.ok(model.calls.length >= s.minCalls, `${s.name}: ${model.calls.length} calls`);
    return { stats, calls: model.calls.length };
  } finally {
    removeHome(home);
  }
}


const SCENARIOS: Scenario[] = [
  { name: 'reset connector (fresh store)', run: (s) => s.resetConnector({ connectorId: LINEAR }), minCalls: 20 },
  { name: 'reset --all (fresh store)', run: (s) => s.resetAll({}), minCalls: 20 },
  { name: 'restore (over a new Codex version)', setup: restoreSetup, run: (s, id) => s.restore({ id: id! }), minCalls: 40 },
];

for (const s of SCENARIOS) {
  test(`power loss after every call of ${s.name}: no committed manifest names a missing or short file, no version lost, no torn entry`, async () => {
    const { stats, calls } = await powerLossSweep(s);
    assert.equal(stats.states > 10, true, `${s.name}: ${stats.states} states checked over ${calls} calls`);
    assert.ok(stats.uncertain > 0, `${s.name}: some state had a removal still pending (the check is not vacuous)`);
    assert.ok(stats.manifestsChecked > 0, `${s.name}: some state had a manifest to check`);
  });
}
