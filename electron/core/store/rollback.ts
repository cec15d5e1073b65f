/**
 * Undoing an uncommitted snapshot after a failure (disk full, permission denied, I/O error) so
 * the cache is left as it was. Works from what is on disk, not from what the builder recorded
 * (a failure may strike between a rename and its bookkeeping): moved entries go back with
 * `link` (never over a newer Codex file), copies of entries still in the cache and partial
 * copies are dropped. Anything that cannot go back stays and the folder is committed as
 * `recovered` (or, failing that, by the next run's recovery). Never throws.
 */
import * as path from 'node:path';
import { CACHE_KINDS } from '../../../shared/schemas';
import { errnoOf } from '../fs-facade';
import type { Builder } from './builder';
import { entryPath, removeEmptyTree } from './builder';
import type { StoreCtx } from './context';
import { hashFile } from './entry-io';
import { MANIFEST } from './layout';
import { PART_PATTERN } from './names';
import { recoverFolder } from './recover';

async function putBackOne(ctx: StoreCtx, b: Builder, kind: (typeof CACHE_KINDS)[number], name: string): Promise<string | null> {
  const held = path.join(b.dir, 'files', kind, name);
  if (PART_PATTERN.test(name)) {
    await ctx.fs.unlink(held);
    return null;
  }
  const rel = `cache/${kind}/${name}`;
  const copied = b.copied.find((c) => c.kind === kind && c.name === name);
  if (copied) {
    const [src, mine] = await Promise.all([hashFile(ctx.fs, copied.src, copied.symlink).catch(() => null), hashFile(ctx.fs, held)]);
    if (src?.sha256 === mine.sha256) await ctx.fs.unlink(held); // the source still holds these bytes
    return null;
  }
  const f = b.files.find((x) => x.path === rel);
  if (f) await ctx.fs.chmod(held, f.mode);
  try {
    await ctx.fs.link(held, entryPath(ctx, kind, name));
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return null; // Codex wrote a new entry meanwhile: keep ours here
    throw err;
  }
  await ctx.fs.unlink(held);
  return path.dirname(entryPath(ctx, kind, name));
}

/** Rolls back the uncommitted snapshot `b` as far as safely possible. */
export async function rollback(ctx: StoreCtx, b: Builder): Promise<void> {
  try {
    await ctx.fs.unlink(path.join(b.dir, MANIFEST)).catch((e) => (errnoOf(e) === 'ENOENT' ? undefined : Promise.reject(e)));
    const dirs = new Set<string>();
    for (const kind of CACHE_KINDS) {
      for (const name of await ctx.fs.readdir(path.join(b.dir, 'files', kind)).catch(() => [] as string[])) {
        const d = await putBackOne(ctx, b, kind, name).catch(() => null);
        if (d) dirs.add(d);
      }
    }
    for (const d of dirs) await ctx.fs.fsyncDir(d);
    if (await removeEmptyTree(ctx, b.dir)) return;
    await recoverFolder(ctx, b.id, { recovered: [], completed: [], adoptedAsides: 0, removedTemps: 0, finishedPrunes: 0 });
  } catch {
    // Left for the next run's recovery, which commits the folder as `recovered`.
  }
}
