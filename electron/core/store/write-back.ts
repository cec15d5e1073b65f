/**
 * Writing a snapshot file back into the cache (reliability.md §2 rule 10 c–e): copy to a
 * `.relink-restore-*` temp in the cache folder (`wx`, 0600), fsync, verify the hash, set the
 * recorded mtime (Codex reads it as the refresh time), then `link(temp, entry)`, which never
 * overwrites: EEXIST means Codex re-created the entry meanwhile, and Codex's file wins.
 */
import * as path from 'node:path';
import type { Snapshot, SnapshotFile } from '../../../shared/schemas';
import { errnoOf } from '../fs-facade';
import { entryPath } from './builder';
import type { StoreCtx } from './context';
import { nonce } from './context';
import { copyToNew, hashFile, setMtimeNs } from './entry-io';
import { StoreError } from './errors';
import { snapshotFile } from './layout';
import { restoreTempName } from './names';

/** The recorded mtime of a snapshot file in ns. */
export function mtimeNsOf(f: SnapshotFile): bigint {
  return f.mtimeNs !== undefined ? BigInt(f.mtimeNs) : BigInt(Date.parse(f.modifiedAt)) * 1_000_000n;
}

/** The name part of a snapshot file's cache path. */
export function nameOf(f: SnapshotFile): string {
  return f.path.slice(`cache/${f.kind}/`.length);
}

/** Writes `f` of `snap` to its cache path; 'exists' when an entry appeared there first. */
export async function writeBack(ctx: StoreCtx, snap: Snapshot, f: SnapshotFile): Promise<'written' | 'exists'> {
  const name = nameOf(f);
  const entry = entryPath(ctx, f.kind, name);
  const temp = path.join(path.dirname(entry), restoreTempName(nonce(ctx), name));
  const r = await copyToNew(ctx.fs, snapshotFile(ctx.paths, snap.id, f.kind, name), temp, false);
  try {
    if (r.sha256 !== f.sha256 || r.bytes !== f.bytes) throw new StoreError('damaged', `Backup ${snap.id}: ${f.path} no longer matches its recorded hash`);
    await setMtimeNs(ctx.fs, temp, mtimeNsOf(f));
    try {
      await ctx.fs.link(temp, entry);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') return 'exists';
      throw err;
    }
    return 'written';
  } finally {
    // A temp that cannot be unlinked is a copy of committed bytes: recovery removes it later.
    await ctx.fs.unlink(temp).catch(() => undefined);
    await ctx.fs.fsyncDir(path.dirname(entry));
  }
}

/** Checks every file of `snap` against its recorded size and hash; the first mismatch is `damaged`. */
export async function verifySnapshotFiles(ctx: StoreCtx, snap: Snapshot): Promise<string[]> {
  const problems: string[] = [];
  for (const f of snap.files) {
    const held = snapshotFile(ctx.paths, snap.id, f.kind, nameOf(f));
    try {
      const r = await hashFile(ctx.fs, held);
      if (r.bytes !== f.bytes) problems.push(`${f.path}: size ${r.bytes} instead of ${f.bytes}`);
      else if (r.sha256 !== f.sha256) problems.push(`${f.path}: content does not match its hash`);
    } catch (err) {
      problems.push(`${f.path}: ${errnoOf(err) === 'ENOENT' ? 'missing' : `unreadable (${errnoOf(err) ?? 'error'})`}`);
    }
  }
  return problems;
}

/** A warning when a restored tools file carries a schema current Codex ignores (codex-caches.md §3). */
export async function schemaWarning(ctx: StoreCtx, snap: Snapshot, f: SnapshotFile): Promise<string | null> {
  if (f.kind !== 'codex_apps_tools') return null;
  try {
    const h = await ctx.fs.open(snapshotFile(ctx.paths, snap.id, f.kind, nameOf(f)), 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      const m = /"schema_version"\s*:\s*(\d+)/.exec(buf.subarray(0, bytesRead).toString('utf8'));
      const v = m ? Number(m[1]) : null;
      if (v === TOOLS_SCHEMA) return null;
      return `${f.path} has schema_version ${v ?? 'unknown'}; current Codex reads only ${TOOLS_SCHEMA} and will ignore it and rebuild it`;
    } finally {
      await h.close();
    }
  } catch {
    return null;
  }
}

/** The tools-cache schema current Codex reads (openai/codex#28947). */
export const TOOLS_SCHEMA = 4;
