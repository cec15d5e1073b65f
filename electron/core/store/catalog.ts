/**
 * The set of committed snapshots: listing, lookup by validated id, and their content hashes.
 */
import type { Result, Snapshot } from '../../../shared/schemas';
import type { StoreCtx } from './context';
import { fail, ok } from './errors';
import { checkSnapshotId, isSnapshotId } from './ids';
import { snapshotDir } from './layout';
import { readManifest } from './manifest';

/** Every snapshot folder, split into committed, damaged-manifest and uncommitted ones. */
export interface Catalog {
  snapshots: Snapshot[];
  damaged: { id: string; message: string }[];
  uncommitted: string[];
}

/** Reads every snapshot folder's manifest; snapshots newest first. */
export async function readCatalog(ctx: StoreCtx): Promise<Catalog> {
  const out: Catalog = { snapshots: [], damaged: [], uncommitted: [] };
  const names = (await ctx.fs.readdir(ctx.paths.backups).catch(() => [] as string[])).filter(isSnapshotId);
  for (const id of names.sort().reverse()) {
    const r = await readManifest(ctx.fs, snapshotDir(ctx.paths, id), id);
    if (r.ok) out.snapshots.push(r.value);
    else if (r.code === 'not-found') out.uncommitted.push(id);
    else out.damaged.push({ id, message: r.message });
  }
  return out;
}

/** Committed snapshots, newest first. */
export async function listCommitted(ctx: StoreCtx): Promise<Snapshot[]> {
  return (await readCatalog(ctx)).snapshots;
}

/** Every content hash referenced by `snaps`. */
export function committedHashes(snaps: Snapshot[]): Set<string> {
  return new Set(snaps.flatMap((s) => s.files.map((f) => f.sha256)));
}

/** Looks up a snapshot by an id from outside (validated first; never joined into a path unchecked). */
export async function getSnapshot(ctx: StoreCtx, rawId: unknown): Promise<Result<Snapshot>> {
  const id = checkSnapshotId(rawId);
  if (!id.ok) return id;
  const r = await readManifest(ctx.fs, snapshotDir(ctx.paths, id.value), id.value);
  if (!r.ok && r.code === 'not-found') return fail('not-found', `No backup with id ${id.value} (see \`relink history\`)`);
  return r.ok ? ok(r.value) : r;
}
