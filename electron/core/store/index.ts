/**
 * The backup store: reset, history, restore/undo, diff, label, verify and prune, with crash
 * recovery (issue 3; reliability.md §2 rules 3–18). Every mutation runs under the store lock,
 * after recovery, and answers a Result value; nothing here throws to its caller.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { PruneReport, RecoveryReport, ResetResult, RestoreResult, Result, Snapshot, SnapshotConnector, SnapshotDiff, VerifyReport } from '../../../shared/schemas';
import type { CoreDeps, RandomHex } from '../deps';
import type { CodexProbe } from '../process-probe';
import { getSnapshot, readCatalog } from './catalog';
import type { StoreCtx } from './context';
import { currentSide, diffSides, sideOf } from './diff';
import { fail, guard, ok } from './errors';
import { checkSnapshotId } from './ids';
import { applyLabel, checkLabel } from './label';
import { ensureLayout, resolveStoreDir, storePaths } from './layout';
import { acquireLock, systemProcInfo, type ProcInfo } from './lock';
import { runPrune } from './prune';
import { recover } from './recover';
import { runReset } from './reset';
import { runRestore } from './restore';
import { runVerify } from './verify';

export { resolveStoreDir };
export type { PruneReport, RecoveryReport, VerifyReport };

/** What the store needs (composition roots build it; tests inject fakes). */
export interface StoreDeps extends CoreDeps {
  /** Canonical, already validated CODEX_HOME. */
  codexHome: string;
  /** Default `<codexHome>/relink`; see `resolveStoreDir`. */
  storeDir?: string;
  /** For ids and nonces; default crypto random. */
  random?: RandomHex;
  probe: CodexProbe;
  /** Connectors and link ids right now (the app and CLI pass the scanner's rows). */
  inventory: () => Promise<SnapshotConnector[]>;
  appVersion: string;
  /** Process facts for the lock (tests only). */
  proc?: ProcInfo;
}

/** The store's operations. */
export interface Store {
  recover(): Promise<Result<RecoveryReport>>;
  resetConnector(i: { connectorId: string; identity?: string; label?: string; force?: boolean }): Promise<Result<ResetResult>>;
  resetAll(i: { label?: string; force?: boolean }): Promise<Result<ResetResult>>;
  list(): Promise<Result<Snapshot[]>>;
  get(id: string): Promise<Result<Snapshot>>;
  restore(i: { id: string; force?: boolean }): Promise<Result<RestoreResult>>;
  diff(i: { from: string; to: string | 'current' }): Promise<Result<SnapshotDiff>>;
  label(i: { id: string; label: string }): Promise<Result<Snapshot>>;
  verify(i: { id?: string }): Promise<Result<VerifyReport>>;
  prune(i: { dryRun: boolean }): Promise<Result<PruneReport>>;
  /** Directory that holds Relink's own state (link-drift log, evidence cursors): <store>/state, 0700. */
  stateDir(): Promise<string>;
}

const defaultRandom: RandomHex = (n) => randomBytes(n).toString('hex');

function runningMessage(names: string[]): string {
  return `Codex is running (${names.join(', ')}). Codex keeps its tools in memory, so changing its cache now only takes effect after it restarts. Quit Codex first, or go ahead anyway and restart Codex afterwards.`;
}

/** Opens the store described by `deps` (nothing touches the disk until the first call). */
export function openStore(deps: StoreDeps): Store {
  const root = path.resolve(deps.storeDir ?? resolveStoreDir(deps.codexHome, { home: '', platform: process.platform }));
  const ctx: StoreCtx = {
    fs: deps.fs, clock: deps.clock, random: deps.random ?? defaultRandom, codexHome: deps.codexHome, paths: storePaths(root),
    appVersion: deps.appVersion, probe: deps.probe, proc: deps.proc ?? systemProcInfo(deps.fs), inventory: deps.inventory,
  };
  const inCache = !path.relative(path.join(deps.codexHome, 'cache'), root).startsWith('..');
  const ready = async () => {
    if (inCache) return fail('bad-input', 'The backup store cannot live inside Codex\'s cache folder; choose another --store');
    await ensureLayout(ctx.fs, ctx.paths);
    return null;
  };
  const locked = <T>(what: string, opts: { probe?: boolean; force?: boolean }, fn: (running: boolean, rec: RecoveryReport) => Promise<Result<T>>) =>
    guard(what, async () => {
      const notReady = await ready();
      if (notReady) return notReady;
      const lock = await acquireLock(ctx);
      if (!lock.ok) return lock;
      try {
        const rec = await recover(ctx);
        let running = false;
        if (opts.probe) {
          const procs = await ctx.probe.list().catch(() => []);
          running = procs.length > 0;
          if (running && !opts.force) return fail('codex-running', runningMessage(procs.map((p) => `${p.kind === 'desktop' ? 'Codex app' : p.kind === 'app-server' ? 'codex app-server' : 'codex'} pid ${p.pid}`)));
        }
        return await fn(running, rec);
      } finally {
        await lock.value.release().catch(() => undefined);
      }
    });
  const read = <T>(what: string, fn: () => Promise<Result<T>>) =>
    guard(what, async () => (await ready()) ?? (await fn()));

  return {
    recover: () => locked('recovering', {}, async (_running, rec) => ok(rec)),
    resetConnector: (i) => {
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(i.connectorId)) return Promise.resolve(fail('bad-input', 'A connector id looks like connector_0f1e… (see `relink status`)'));
      if (i.identity !== undefined && !/^[0-9a-f]{16,64}$/.test(i.identity)) return Promise.resolve(fail('bad-input', 'An identity is the hex name of a cache file (see `relink status`)'));
      const label = checkLabel(i.label ?? '');
      if (!label.ok) return Promise.resolve(label);
      return locked('resetting', { probe: true, force: i.force }, async (running) =>
        ok(await runReset(ctx, { all: false, connectorId: i.connectorId, identity: i.identity, label: label.value }, running)));
    },
    resetAll: (i) => {
      const label = checkLabel(i.label ?? '');
      if (!label.ok) return Promise.resolve(label);
      return locked('resetting', { probe: true, force: i.force }, async (running) => ok(await runReset(ctx, { all: true, label: label.value }, running)));
    },
    list: () => read('listing backups', async () => ok((await readCatalog(ctx)).snapshots)),
    get: (id) => read('reading a backup', () => getSnapshot(ctx, id)),
    restore: (i) => {
      const id = checkSnapshotId(i.id);
      if (!id.ok) return Promise.resolve(id);
      return locked('restoring', { probe: true, force: i.force }, async (running) => {
        const snap = await getSnapshot(ctx, id.value);
        return snap.ok ? ok(await runRestore(ctx, snap.value, running)) : snap;
      });
    },
    diff: (i) =>
      read('comparing backups', async () => {
        const a = await getSnapshot(ctx, i.from);
        if (!a.ok) return a;
        if (i.to === 'current') return ok(diffSides(a.value.id, 'current', sideOf(a.value), await currentSide(ctx)));
        const b = await getSnapshot(ctx, i.to);
        return b.ok ? ok(diffSides(a.value.id, b.value.id, sideOf(a.value), sideOf(b.value))) : b;
      }),
    label: (i) => {
      const id = checkSnapshotId(i.id);
      if (!id.ok) return Promise.resolve(id);
      const label = checkLabel(i.label);
      if (!label.ok) return Promise.resolve(label);
      return locked('labelling', {}, async () => {
        const snap = await getSnapshot(ctx, id.value);
        return snap.ok ? ok(await applyLabel(ctx, snap.value, label.value)) : snap;
      });
    },
    verify: (i) =>
      read('verifying backups', async () => {
        if (i.id === undefined) {
          const cat = await readCatalog(ctx);
          return ok(await runVerify(ctx, cat.snapshots, cat));
        }
        const snap = await getSnapshot(ctx, i.id);
        if (snap.ok) return ok(await runVerify(ctx, [snap.value], { damaged: [], uncommitted: [] }));
        if (snap.code === 'damaged') return ok(await runVerify(ctx, [], { damaged: [{ id: i.id, message: snap.message }], uncommitted: [] }));
        return snap;
      }),
    prune: (i) =>
      i.dryRun
        ? read('planning a prune', async () => ok(await runPrune(ctx, (await readCatalog(ctx)).snapshots, true)))
        : locked('pruning', {}, async () => ok(await runPrune(ctx, (await readCatalog(ctx)).snapshots, false))),
    stateDir: async () => {
      await ensureLayout(ctx.fs, ctx.paths);
      return ctx.paths.state;
    },
  };
}
