/**
 * Restore (reliability.md §2 rule 10): verify the backup, move every entry the restore will
 * replace or remove into a `before-restore` snapshot (the undo; it records as `absent` the
 * paths the restore creates), then write each backed-up file back atomically with its mtime.
 * The backup restored from is never changed. Restoring the undo snapshot undoes the restore.
 */
import type { CacheKind, MovedFile, RestoreResult, SkippedFile, Snapshot } from '../../../shared/schemas';
import { parseCachePath } from '../cache-layout';
import { removeCopiedSources } from './aside';
import { entryPath, openBuilder } from './builder';
import { committedHashes, listCommitted } from './catalog';
import type { StoreCtx } from './context';
import { safeInventory } from './context';
import { hashFile } from './entry-io';
import { checkCacheDir, classifyEntry, type Target } from './entries';
import { StoreError } from './errors';
import { NEXT_STEP } from './reset';
import { captureAll } from './reset';
import { rollback } from './rollback';
import { ensureSpace } from './space';
import * as path from 'node:path';
import { nameOf, schemaWarning, verifySnapshotFiles, writeBack } from './write-back';

async function planRestore(ctx: StoreCtx, snap: Snapshot): Promise<{ targets: Target[]; absent: string[] }> {
  const wanted = new Set(snap.files.map((f) => f.path));
  const paths = [...new Set([...wanted, ...snap.absent])].sort();
  const kinds = new Set<CacheKind>(paths.map((p) => parseCachePath(p)!.kind));
  for (const k of kinds) await checkCacheDir(ctx, k); // refuse symlinked folders before any change
  const targets: Target[] = [];
  const absent: string[] = [];
  for (const p of paths) {
    const { kind, name } = parseCachePath(p)!;
    const c = await classifyEntry(ctx, kind, name);
    if (c.state === 'skip') throw new StoreError('bad-input', `${p} cannot be replaced safely (${c.reason}); nothing was changed`);
    if (c.state === 'movable') targets.push({ kind, name, symlink: c.symlink });
    else if (wanted.has(p)) absent.push(p);
  }
  for (const k of kinds) await checkCacheDir(ctx, k, true);
  return { targets, absent };
}

/** After a failed write phase: put the undo snapshot's entries back where that is safe. */
async function revert(ctx: StoreCtx, snap: Snapshot, undo: Snapshot): Promise<void> {
  const known = committedHashes([snap, undo]);
  for (const p of undo.absent) {
    const { kind, name } = parseCachePath(p)!;
    const r = await hashFile(ctx.fs, entryPath(ctx, kind, name)).catch(() => null);
    if (r && known.has(r.sha256)) await ctx.fs.unlink(entryPath(ctx, kind, name)).catch(() => undefined);
  }
  for (const f of undo.files) {
    const entry = entryPath(ctx, f.kind, nameOf(f));
    const r = await hashFile(ctx.fs, entry).catch(() => null);
    if (r?.sha256 === f.sha256) continue;
    if (r && !known.has(r.sha256)) continue; // someone else's bytes: leave them
    if (r) await ctx.fs.unlink(entry);
    await writeBack(ctx, undo, f);
  }
}

async function writeAll(ctx: StoreCtx, snap: Snapshot, undo: Snapshot): Promise<{ written: MovedFile[]; warnings: string[] }> {
  const written: MovedFile[] = [];
  const warnings: string[] = [];
  try {
    for (const f of snap.files) {
      const w = await schemaWarning(ctx, snap, f);
      if (w) warnings.push(w);
      if ((await writeBack(ctx, snap, f)) === 'written') written.push({ kind: f.kind, path: f.path, bytes: f.bytes });
      else warnings.push(`${f.path} was not restored: Codex wrote a new version meanwhile and it was kept`);
    }
  } catch (err) {
    await revert(ctx, snap, undo).catch(() => undefined);
    throw err;
  }
  return { written, warnings };
}

/** Runs a restore of the committed snapshot `snap` (the caller holds the lock). */
export async function runRestore(ctx: StoreCtx, snap: Snapshot, codexRunning: boolean): Promise<RestoreResult> {
  const problems = await verifySnapshotFiles(ctx, snap);
  if (problems.length > 0) throw new StoreError('damaged', `Backup ${snap.id} is damaged (${problems[0]}); nothing was changed. Run \`relink verify\` for details`);
  const { targets, absent } = await planRestore(ctx, snap);
  // The restored bytes are new files in the cache folders (the undo moves entries by rename).
  await ensureSpace(ctx, path.join(ctx.codexHome, 'cache'), snap.files.reduce((n, f) => n + f.bytes, 0), `Restoring backup ${snap.id}`);
  const rows = await safeInventory(ctx);
  const b = await openBuilder(ctx, { reason: 'before-restore', connector: snap.connector, label: null });
  const skipped: SkippedFile[] = [];
  const moved = await captureAll(ctx, b, targets, skipped);
  let undo: Snapshot;
  try {
    undo = await b.commit({ absent: [...absent, ...skipped.map((s) => s.path).filter((p) => snap.files.some((f) => f.path === p))], connectors: rows });
  } catch (err) {
    await rollback(ctx, b);
    throw err;
  }
  await removeCopiedSources(ctx, b.copied, committedHashes(await listCommitted(ctx)));
  const { written, warnings } = await writeAll(ctx, snap, undo);
  const restoredPaths = new Set(snap.files.map((f) => f.path));
  const removed = moved.filter((m) => !restoredPaths.has(m.path));
  if (codexRunning) warnings.unshift('Codex is running and keeps its tools in memory: the restored files only take effect after you quit and restart it, and a running Codex may overwrite them.');
  return { restoredFrom: snap.id, undo, written, removed, warnings, nextSteps: [NEXT_STEP] };
}
