/**
 * Building one snapshot: move (or copy) entries into `backups/<id>/files/`, then commit the
 * manifest last (reliability.md §2 rules 4, 5, 6, 11).
 *
 * Same volume: `rename` the entry into the snapshot, so whatever version the name held at that
 * instant is the one kept (a Codex rename racing it lands in the snapshot or in the cache,
 * never nowhere), then hash it there. Another volume (EXDEV) or a symlinked entry: copy while
 * hashing into a `.relink-part-*` name, fsync, rename to the final name; the source is removed
 * only after the manifest is committed (see `aside.ts`).
 */
import * as path from 'node:path';
import type { CacheKind, Snapshot, SnapshotConnector, SnapshotFile, SnapshotReason } from '../../../shared/schemas';
import { cacheDir, identityOf, relCachePath } from '../cache-layout';
import { errnoOf } from '../fs-facade';
import type { StoreCtx } from './context';
import { nonce } from './context';
import { copyToNew, hashFile, type ReadOutcome } from './entry-io';
import { StoreError } from './errors';
import { newSnapshotId } from './ids';
import { ensureDir, FILE_MODE, snapshotDir } from './layout';
import { writeManifest } from './manifest';
import { partName } from './names';

/** A source that was copied, not moved: removed after the commit. */
export interface CopiedSource {
  kind: CacheKind;
  name: string;
  /** Absolute path of the source (a cache entry or an aside). */
  src: string;
  symlink: boolean;
}

/** Metadata of the snapshot being built. */
export interface SnapshotMeta {
  reason: SnapshotReason;
  connector: string | null;
  label: string | null;
}

/** An open, uncommitted snapshot. */
export interface Builder {
  id: string;
  dir: string;
  files: SnapshotFile[];
  copied: CopiedSource[];
  /** Moves (or copies) `src` into the snapshot as `cache/<kind>/<name>`; null if it vanished. */
  capture(kind: CacheKind, name: string, src: string, symlink: boolean): Promise<SnapshotFile | null>;
  /** Removes the folder when nothing was captured (only empty folders are removed). */
  discardIfEmpty(): Promise<boolean>;
  /** fsyncs everything and writes the manifest: from here on the snapshot exists. */
  commit(extra: { absent: string[]; connectors: SnapshotConnector[]; reason?: SnapshotReason; label?: string | null }): Promise<Snapshot>;
}

/** Makes a fresh snapshot folder with a unique id (EEXIST on the folder picks another id). */
export async function openBuilder(ctx: StoreCtx, meta: SnapshotMeta): Promise<Builder> {
  for (let attempt = 0; ; attempt++) {
    const id = newSnapshotId(ctx.clock.now(), ctx.random);
    const dir = snapshotDir(ctx.paths, id);
    try {
      await ctx.fs.mkdir(dir, { mode: 0o700 });
    } catch (err) {
      if (errnoOf(err) === 'EEXIST' && attempt < 5) continue;
      throw err;
    }
    await ctx.fs.chmod(dir, 0o700);
    // Rule 6: the folder's own name is durable before any entry is moved into it (a power
    // loss must never keep the move but lose the folder); ensureDir does the same below it.
    await ctx.fs.fsyncDir(ctx.paths.backups);
    await ensureDir(ctx.fs, path.join(dir, 'files'));
    return makeBuilder(ctx, meta, id, dir);
  }
}

function record(kind: CacheKind, name: string, r: ReadOutcome, symlink: boolean): SnapshotFile {
  const f: SnapshotFile = {
    kind,
    path: relCachePath(kind, name),
    identity: identityOf(name),
    bytes: r.bytes,
    sha256: r.sha256,
    modifiedAt: new Date(Number(r.mtimeNs / 1_000_000n)).toISOString(),
    mtimeNs: r.mtimeNs.toString(),
    mode: r.mode & 0o777,
  };
  if (symlink) f.symlink = true;
  return f;
}

function makeBuilder(ctx: StoreCtx, meta: SnapshotMeta, id: string, dir: string): Builder {
  const files: SnapshotFile[] = [];
  const copied: CopiedSource[] = [];
  const touched = new Set<string>();
  const kindDir = async (kind: CacheKind) => {
    const d = path.join(dir, 'files', kind);
    if (!touched.has(d)) await ensureDir(ctx.fs, d);
    touched.add(d);
    return d;
  };

  const copyIn = async (kind: CacheKind, name: string, src: string, symlink: boolean, dest: string) => {
    const part = path.join(path.dirname(dest), partName(nonce(ctx), name));
    const r = await copyToNew(ctx.fs, src, part, symlink);
    await ctx.fs.rename(part, dest);
    copied.push({ kind, name, src, symlink });
    return record(kind, name, r, symlink);
  };

  const moveIn = async (kind: CacheKind, name: string, src: string, dest: string): Promise<SnapshotFile | 'exdev'> => {
    try {
      await ctx.fs.rename(src, dest);
    } catch (err) {
      if (errnoOf(err) === 'EXDEV') return 'exdev';
      throw err;
    }
    touched.add(path.dirname(src));
    const st = await ctx.fs.lstat(dest);
    if (!st.isFile() || st.nlink !== 1) {
      // Codex swapped something else in at the last instant: put it back untouched.
      await ctx.fs.rename(dest, src).catch(() => undefined);
      throw new StoreError('io-error', `${relCachePath(kind, name)} changed type during the backup; nothing was moved`);
    }
    const r = await hashFile(ctx.fs, dest);
    if ((r.mode & 0o777) !== FILE_MODE) await ctx.fs.chmod(dest, FILE_MODE);
    return record(kind, name, r, false);
  };

  return {
    id,
    dir,
    files,
    copied,
    async capture(kind, name, src, symlink) {
      const rel = relCachePath(kind, name);
      if (files.some((f) => f.path === rel)) throw new Error(`internal: ${rel} captured twice`);
      const dest = path.join(await kindDir(kind), name);
      try {
        const moved = symlink ? 'exdev' : await moveIn(kind, name, src, dest);
        const f = moved === 'exdev' ? await copyIn(kind, name, src, symlink, dest) : moved;
        files.push(f);
        return f;
      } catch (err) {
        if (errnoOf(err) === 'ENOENT' && !(await exists(ctx, dest))) return null; // vanished first
        throw err;
      }
    },
    async discardIfEmpty() {
      if (files.length > 0) return false;
      return removeEmptyTree(ctx, dir);
    },
    async commit(extra) {
      // The snapshot's folders were made durable when created (openBuilder, ensureDir): what
      // is left are the entries moved in and out, in the kind folders and the cache folders.
      for (const d of touched) await ctx.fs.fsyncDir(d);
      const snap: Snapshot = {
        id,
        createdAt: ctx.clock.now().toISOString(),
        reason: extra.reason ?? meta.reason,
        label: extra.label !== undefined ? extra.label : meta.label,
        connector: meta.connector,
        appVersion: ctx.appVersion,
        files: [...files],
        absent: [...extra.absent],
        connectors: extra.connectors,
      };
      await writeManifest(ctx.fs, dir, snap, ctx.random);
      return snap;
    },
  };
}

/** Removes `dir/files/<kind>/`, `dir/files/` and `dir` if they hold no files; false otherwise. */
export async function removeEmptyTree(ctx: StoreCtx, dir: string): Promise<boolean> {
  const files = path.join(dir, 'files');
  try {
    for (const k of await ctx.fs.readdir(files).catch(() => [] as string[])) await ctx.fs.rmdir(path.join(files, k));
    await ctx.fs.rmdir(files).catch((e) => (errnoOf(e) === 'ENOENT' ? undefined : Promise.reject(e)));
    await ctx.fs.rmdir(dir);
  } catch (err) {
    if (['ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes(errnoOf(err) ?? '')) return false;
    throw err;
  }
  await ctx.fs.fsyncDir(path.dirname(dir));
  return true;
}

async function exists(ctx: StoreCtx, p: string): Promise<boolean> {
  try {
    await ctx.fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** The cache path of an entry. */
export function entryPath(ctx: StoreCtx, kind: CacheKind, name: string): string {
  return path.join(cacheDir(ctx.codexHome, kind), name);
}
