/**
 * Reset: back up and move aside the cache entries behind a stale link, so Codex rebuilds them
 * (the workaround of openai/codex#24675, made reversible). One connector moves the tools and
 * server-info entries of every identity whose tools cache holds it; `all` moves every entry of
 * the four kinds. Codex's `.tmp*` files are never touched.
 */
import type { CacheKind, MovedFile, ResetResult, SkippedFile, Snapshot, SnapshotConnector } from '../../../shared/schemas';
import { CACHE_KINDS } from '../../../shared/schemas';
import { relCachePath } from '../cache-layout';
import * as path from 'node:path';
import { removeCopiedSources, type StuckSource } from './aside';
import type { Builder } from './builder';
import { entryPath, openBuilder } from './builder';
import { committedHashes, listCommitted } from './catalog';
import type { StoreCtx } from './context';
import { safeInventory } from './context';
import { scanFolder, type Target } from './entries';
import { StoreError } from './errors';
import { rollback } from './rollback';
import { ensureSpace, onOtherVolume } from './space';

/** What to reset. */
export type ResetSelection =
  | { all: true; label: string | null }
  | { all: false; connectorId: string; identity?: string; label: string | null };

/** The sentence every reset and restore ends with. */
export const NEXT_STEP = 'Quit Codex completely and start it again; it rebuilds the cache. Then check whether the link changed.';
const RUNNING_NOTE = 'Codex is running and keeps its tools in memory: this only takes effect after you quit and restart it.';

const LINK_KINDS: CacheKind[] = ['codex_apps_tools', 'codex_apps_server_info'];

/** Identities whose tools cache holds the connector (from the read model's rows). */
function identitiesFor(sel: { connectorId: string; identity?: string }, rows: SnapshotConnector[]): Set<string> {
  const ids = new Set(rows.filter((r) => r.id === sel.connectorId).map((r) => r.identity));
  if (sel.identity !== undefined) return ids.has(sel.identity) ? new Set([sel.identity]) : new Set();
  return ids;
}

async function plan(ctx: StoreCtx, sel: ResetSelection, rows: SnapshotConnector[]): Promise<{ targets: Target[]; skipped: SkippedFile[] }> {
  let kinds: readonly CacheKind[] = CACHE_KINDS;
  let names: Set<string> | undefined;
  if (!sel.all) {
    const ids = identitiesFor(sel, rows);
    if (ids.size === 0) {
      const where = sel.identity === undefined ? 'any tools cache' : `the tools cache of identity ${sel.identity.slice(0, 8)}…`;
      throw new StoreError('not-found', `No connector ${sel.connectorId} in ${where}; run \`relink status\` to see the connectors`);
    }
    kinds = LINK_KINDS;
    names = new Set([...ids].map((i) => `${i}.json`));
  }
  const targets: Target[] = [];
  const skipped: SkippedFile[] = [];
  const scans = [];
  for (const k of kinds) scans.push(await scanFolder(ctx, k, names)); // all folders checked before any change
  for (const s of scans) {
    targets.push(...s.targets);
    skipped.push(...s.skipped);
  }
  if (targets.length === 0) throw new StoreError('not-found', 'There are no cache files to move aside; nothing was changed');
  return { targets, skipped };
}

/** On another volume (or for symlinked entries) a reset copies bytes: check the store has room. */
async function ensureRoomForCopies(ctx: StoreCtx, targets: Target[]): Promise<void> {
  const cache = path.join(ctx.codexHome, 'cache');
  const copyAll = await onOtherVolume(ctx, cache, ctx.paths.root);
  let bytes = 0;
  for (const t of targets) {
    if (!copyAll && !t.symlink) continue;
    bytes += await ctx.fs.stat(entryPath(ctx, t.kind, t.name)).then((s) => s.size, () => 0);
  }
  await ensureSpace(ctx, ctx.paths.root, bytes, 'Backing up before the reset');
}

/** Captures every target into `b`, rolling back (moving entries back) if one fails. */
export async function captureAll(ctx: StoreCtx, b: Builder, targets: Target[], skipped: SkippedFile[]): Promise<MovedFile[]> {
  const moved: MovedFile[] = [];
  try {
    for (const t of targets) {
      const f = await b.capture(t.kind, t.name, entryPath(ctx, t.kind, t.name), t.symlink);
      if (f) moved.push({ kind: t.kind, path: f.path, bytes: f.bytes });
      else skipped.push({ path: relCachePath(t.kind, t.name), reason: 'vanished before it could be moved' });
    }
  } catch (err) {
    await rollback(ctx, b);
    throw err;
  }
  return moved;
}

/** Runs a reset (the caller holds the lock and has checked for a running Codex). */
export async function runReset(ctx: StoreCtx, sel: ResetSelection, codexRunning: boolean): Promise<ResetResult> {
  const rows = await safeInventory(ctx);
  const { targets, skipped } = await plan(ctx, sel, rows);
  await ensureRoomForCopies(ctx, targets);
  const b = await openBuilder(ctx, { reason: sel.all ? 'reset-all' : 'reset', connector: sel.all ? null : sel.connectorId, label: sel.label });
  const moved = await captureAll(ctx, b, targets, skipped);
  if (await b.discardIfEmpty()) throw new StoreError('not-found', 'Every cache file vanished before it could be moved; nothing was changed');
  let snapshot: Snapshot;
  try {
    snapshot = await b.commit({ absent: [], connectors: rows });
  } catch (err) {
    await rollback(ctx, b);
    throw err;
  }
  const known = committedHashes(await listCommitted(ctx));
  const stuck: StuckSource[] = [];
  await removeCopiedSources(ctx, b.copied, known, stuck);
  for (const s of stuck) {
    const rel = path.relative(ctx.codexHome, s.path).split(path.sep).join('/');
    skipped.push({ path: rel, reason: s.reason });
    if (s.inPlace) moved.splice(moved.findIndex((m) => m.path === rel), 1);
  }
  const nextSteps = codexRunning ? [RUNNING_NOTE, NEXT_STEP] : [NEXT_STEP];
  return { snapshot, moved, skipped, codexRunning, nextSteps };
}
