/**
 * Startup recovery, always under the lock (reliability.md §2 rule 17): half-finished work
 * becomes committed snapshots; only Relink's own copies of committed bytes are deleted.
 *
 * - A snapshot folder without `manifest.json`: its complete files are user bytes; commit them
 *   as a `recovered` snapshot (or complete the interrupted commit when its manifest temp is
 *   whole and matches). Partial copies (`.relink-part-*`) are copies whose source was never
 *   removed (sources go only after a commit) and are deleted.
 * - `.relink-aside-*` in a cache folder: unlinked when its hash is committed, else adopted.
 * - `.relink-restore-*`: copies of committed bytes, deleted.
 * - `tmp/prune-*`: a prune whose manifest already left the store: finished.
 */
import * as path from 'node:path';
import type { CacheKind, RecoveryReport, SnapshotFile } from '../../../shared/schemas';
import { CACHE_KINDS } from '../../../shared/schemas';
import { cacheDir, identityOf, relCachePath } from '../cache-layout';
import { errnoOf } from '../fs-facade';
import { adoptAsides, type LooseAside } from './aside';
import { removeEmptyTree } from './builder';
import type { StoreCtx } from './context';
import { hashFile } from './entry-io';
import { idTime, isSnapshotId } from './ids';
import { ensureDir, FILE_MODE, MANIFEST } from './layout';
import { MANIFEST_TEMP_PREFIX, parseManifest, readManifestBytes, writeManifest } from './manifest';
import { ASIDE_PATTERN, PART_PATTERN, PRUNE_PATTERN, RESTORE_PATTERN } from './names';
import { committedHashes, listCommitted } from './catalog';
import { cleanLockTemps } from './lock';


const readdirOr = (ctx: StoreCtx, dir: string) => ctx.fs.readdir(dir).catch(() => [] as string[]);

/** Runs every recovery step; idempotent, and safe to interrupt at any point. */
export async function recover(ctx: StoreCtx): Promise<RecoveryReport> {
  const report: RecoveryReport = { recovered: [], completed: [], adoptedAsides: 0, removedTemps: 0, finishedPrunes: 0 };
  for (const name of (await ctx.fs.readdir(ctx.paths.backups)).sort()) {
    if (isSnapshotId(name)) await recoverFolder(ctx, name, report);
  }
  await recoverCacheFolders(ctx, report);
  for (const name of await readdirOr(ctx, ctx.paths.tmp)) {
    if (!PRUNE_PATTERN.test(name)) continue;
    await finishPrune(ctx, path.join(ctx.paths.tmp, name));
    report.finishedPrunes++;
  }
  report.removedTemps += await cleanLockTemps(ctx);
  return report;
}

/** Deletes a snapshot folder that has left `backups/`: manifest first, then its files. */
export async function finishPrune(ctx: StoreCtx, dir: string): Promise<void> {
  await ctx.fs.unlink(path.join(dir, MANIFEST)).catch((e) => (errnoOf(e) === 'ENOENT' ? undefined : Promise.reject(e)));
  await ctx.fs.rm(dir, { recursive: true, force: true });
  await ctx.fs.fsyncDir(ctx.paths.tmp);
}

/** Commits (or completes) the uncommitted snapshot folder `id`; removes it when it holds nothing. */
export async function recoverFolder(ctx: StoreCtx, id: string, report: RecoveryReport): Promise<void> {
  const dir = path.join(ctx.paths.backups, id);
  const st = await ctx.fs.lstat(dir);
  if (!st.isDirectory()) return;
  const names = await ctx.fs.readdir(dir);
  const temps = names.filter((n) => n.startsWith(MANIFEST_TEMP_PREFIX));
  if (names.includes(MANIFEST)) {
    for (const t of temps) await ctx.fs.unlink(path.join(dir, t)); // an interrupted label edit
    report.removedTemps += temps.length;
    return;
  }
  await ensureDir(ctx.fs, dir); // rule 15: repair modes of folders we adopt
  const files = await collectFiles(ctx, dir, report);
  for (const t of temps) {
    const done = await tryComplete(ctx, dir, id, t, files);
    if (done) {
      report.completed.push(id);
      return;
    }
  }
  if (files.length === 0) {
    await removeEmptyTree(ctx, dir);
    return;
  }
  await writeManifest(ctx.fs, dir, {
    id, createdAt: new Date(idTime(id)).toISOString(), reason: 'recovered', label: null,
    connector: null, appVersion: ctx.appVersion, files, absent: [], connectors: [],
  }, ctx.random);
  await ctx.fs.fsyncDir(ctx.paths.backups);
  report.recovered.push(id);
}

/** A whole manifest temp whose files match what is on disk finishes the interrupted commit. */
async function tryComplete(ctx: StoreCtx, dir: string, id: string, temp: string, files: SnapshotFile[]): Promise<boolean> {
  const file = path.join(dir, temp);
  const bytes = await readManifestBytes(ctx.fs, file).catch(() => null);
  const parsed = bytes ? parseManifest(bytes, id) : null;
  const want = parsed?.ok ? parsed.value.files.map((f) => `${f.path}:${f.sha256}`).sort().join() : null;
  const have = files.map((f) => `${f.path}:${f.sha256}`).sort().join();
  if (want !== null && want === have) {
    await ctx.fs.rename(file, path.join(dir, MANIFEST));
    await ctx.fs.fsyncDir(dir);
    return true;
  }
  await ctx.fs.unlink(file);
  return false;
}

async function collectFiles(ctx: StoreCtx, dir: string, report: RecoveryReport): Promise<SnapshotFile[]> {
  const out: SnapshotFile[] = [];
  for (const kind of CACHE_KINDS) {
    const kdir = path.join(dir, 'files', kind);
    const names = (await readdirOr(ctx, kdir)).sort();
    if (names.length > 0) await ensureDir(ctx.fs, path.join(dir, 'files')).then(() => ensureDir(ctx.fs, kdir));
    for (const name of names) {
      const file = path.join(kdir, name);
      if (PART_PATTERN.test(name)) {
        await ctx.fs.unlink(file);
        report.removedTemps++;
        continue;
      }
      const st = await ctx.fs.lstat(file);
      if (!st.isFile()) continue;
      if ((st.mode & 0o777) !== FILE_MODE) await ctx.fs.chmod(file, FILE_MODE);
      const r = await hashFile(ctx.fs, file);
      out.push(fileRecord(kind, name, r.sha256, r.bytes, r.mtimeNs, r.mode));
    }
  }
  return out;
}

function fileRecord(kind: CacheKind, name: string, sha256: string, bytes: number, mtimeNs: bigint, mode: number): SnapshotFile {
  return {
    kind, path: relCachePath(kind, name), identity: identityOf(name), bytes, sha256,
    modifiedAt: new Date(Number(mtimeNs / 1_000_000n)).toISOString(), mtimeNs: mtimeNs.toString(), mode: mode & 0o777,
  };
}

async function recoverCacheFolders(ctx: StoreCtx, report: RecoveryReport): Promise<void> {
  const loose: LooseAside[] = [];
  const known = committedHashes(await listCommitted(ctx));
  for (const kind of CACHE_KINDS) {
    const dir = cacheDir(ctx.codexHome, kind);
    const st = await ctx.fs.lstat(dir).catch(() => null);
    if (!st?.isDirectory()) continue;
    let changed = false;
    for (const name of await readdirOr(ctx, dir)) {
      const file = path.join(dir, name);
      if (RESTORE_PATTERN.test(name)) {
        await ctx.fs.unlink(file);
        report.removedTemps++;
        changed = true;
        continue;
      }
      const m = ASIDE_PATTERN.exec(name);
      if (!m) continue;
      const fst = await ctx.fs.lstat(file);
      if (fst.isSymbolicLink() || (fst.isFile() && known.has((await hashFile(ctx.fs, file)).sha256))) {
        await ctx.fs.unlink(file);
        changed = true;
      } else if (fst.isFile()) loose.push({ kind, name: m[1]!, path: file });
    }
    if (changed) await ctx.fs.fsyncDir(dir);
  }
  if (loose.length > 0) report.recovered.push(...(await adoptAsides(ctx, loose, known)).map((s) => s.id));
  report.adoptedAsides += loose.length;
}
