/**
 * Undoing an uncommitted snapshot after a failure (disk full, permission denied, I/O error) so
 * the cache is left as it was: moved entries go back with `link` (never over a newer Codex
 * file), copies of entries still in the cache are dropped. Anything that cannot go back stays
 * in the snapshot folder, which is then committed as `recovered`; if even that fails, the next
 * run's recovery commits it. Never throws.
 */
import * as path from 'node:path';
import { errnoOf } from '../fs-facade';
import type { Builder } from './builder';
import { entryPath, removeEmptyTree } from './builder';
import type { StoreCtx } from './context';
import { hashFile } from './entry-io';
import { MANIFEST } from './layout';
import { PART_PATTERN } from './names';

async function putBack(ctx: StoreCtx, b: Builder): Promise<Set<string>> {
  const dirs = new Set<string>();
  const copied = new Map(b.copied.map((c) => [`cache/${c.kind}/${c.name}`, c]));
  for (const f of [...b.files]) {
    const [kind, name] = [f.kind, f.path.slice(`cache/${f.kind}/`.length)];
    const held = path.join(b.dir, 'files', kind, name);
    const c = copied.get(f.path);
    try {
      if (c) {
        const src = await hashFile(ctx.fs, c.src, c.symlink).catch(() => null);
        if (src?.sha256 !== f.sha256) continue; // the source changed: this copy may be the only one
      } else {
        await ctx.fs.chmod(held, f.mode);
        await ctx.fs.link(held, entryPath(ctx, kind, name));
        dirs.add(path.dirname(entryPath(ctx, kind, name)));
      }
      await ctx.fs.unlink(held);
      b.files.splice(b.files.indexOf(f), 1);
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw err; // EEXIST: Codex wrote a new entry; keep ours
    }
  }
  return dirs;
}

async function dropParts(ctx: StoreCtx, b: Builder): Promise<void> {
  const files = path.join(b.dir, 'files');
  for (const kind of await ctx.fs.readdir(files).catch(() => [] as string[])) {
    for (const n of await ctx.fs.readdir(path.join(files, kind)).catch(() => [] as string[])) {
      if (PART_PATTERN.test(n)) await ctx.fs.unlink(path.join(files, kind, n));
    }
  }
}

/** Rolls back the uncommitted snapshot `b` as far as safely possible. */
export async function rollback(ctx: StoreCtx, b: Builder): Promise<void> {
  try {
    await ctx.fs.unlink(path.join(b.dir, MANIFEST)).catch((e) => (errnoOf(e) === 'ENOENT' ? undefined : Promise.reject(e)));
    const dirs = await putBack(ctx, b);
    await dropParts(ctx, b);
    for (const d of dirs) await ctx.fs.fsyncDir(d);
    if (await b.discardIfEmpty()) return;
    b.copied.length = 0;
    await b.commit({ absent: [], connectors: [], reason: 'recovered', label: 'kept after a failed action' });
  } catch {
    // Left for the next run's recovery, which commits the folder as `recovered`.
  }
}
