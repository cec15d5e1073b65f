/**
 * Removing a copied source without losing a version (reliability.md §2 rule 9): only after
 * its bytes are in a committed manifest, rename it to a same-folder `.relink-aside-*` name,
 * check what the aside actually holds (Codex may have renamed a new version over the entry
 * meanwhile), unlink it only if its hash is committed, and otherwise adopt it into a
 * `recovered` snapshot first.
 */
import * as path from 'node:path';
import type { CacheKind, Snapshot } from '../../../shared/schemas';
import { errnoOf } from '../fs-facade';
import type { CopiedSource } from './builder';
import { openBuilder } from './builder';
import type { StoreCtx } from './context';
import { nonce, safeInventory } from './context';
import { hashFile } from './entry-io';
import { asideName } from './names';

/** An aside file whose bytes are not yet in any committed manifest. */
export interface LooseAside {
  kind: CacheKind;
  name: string;
  path: string;
}

/** Unlinks `file` if its content hash is in `known`; otherwise returns false. */
async function unlinkIfKnown(ctx: StoreCtx, file: string, known: ReadonlySet<string>): Promise<boolean> {
  const st = await ctx.fs.lstat(file);
  if (!st.isSymbolicLink()) {
    const r = await hashFile(ctx.fs, file);
    if (!known.has(r.sha256)) return false;
  }
  // A symlink holds no bytes: removing it never touches its target.
  await ctx.fs.unlink(file);
  return true;
}

/** A copied source that could not be removed; the bytes are committed either way. */
export interface StuckSource {
  path: string;
  /** True when the entry is still in the cache under its own name. */
  inPlace: boolean;
  reason: string;
}

/**
 * Moves each copied cache entry aside and removes it once its bytes are known to be committed.
 * One entry failing (EPERM, EBUSY…) does not stop the others (reliability.md case 19); each is
 * reported, and the next run's recovery finishes what it can.
 */
export async function removeCopiedSources(ctx: StoreCtx, sources: CopiedSource[], known: Set<string>, stuck: StuckSource[] = []): Promise<Snapshot[]> {
  const loose: LooseAside[] = [];
  const dirs = new Set<string>();
  for (const s of sources) {
    let aside = s.src;
    const isAside = path.basename(s.src).startsWith('.relink-aside-');
    try {
      if (!isAside) {
        aside = path.join(path.dirname(s.src), asideName(nonce(ctx), s.name));
        await ctx.fs.rename(s.src, aside);
      }
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') continue; // already gone: nothing to remove
      stuck.push({ path: s.src, inPlace: true, reason: `backed up, but could not be moved out of the cache (${errnoOf(err) ?? 'error'})` });
      continue;
    }
    dirs.add(path.dirname(aside));
    try {
      if (!(await unlinkIfKnown(ctx, aside, known))) loose.push({ kind: s.kind, name: s.name, path: aside });
    } catch (err) {
      stuck.push({ path: aside, inPlace: false, reason: `backed up and renamed aside, but the aside could not be removed (${errnoOf(err) ?? 'error'}); the next Relink run removes it` });
    }
  }
  for (const d of dirs) await ctx.fs.fsyncDir(d).catch(() => undefined);
  return loose.length > 0 ? adoptAsides(ctx, loose, known) : [];
}

/**
 * Commits loose aside files into `recovered` snapshots (one path per snapshot, so several
 * asides of one entry need several), then removes the asides.
 */
export async function adoptAsides(ctx: StoreCtx, loose: LooseAside[], known: Set<string>): Promise<Snapshot[]> {
  const made: Snapshot[] = [];
  let rest = loose;
  for (let round = 0; rest.length > 0 && round < 100; round++) {
    const b = await openBuilder(ctx, { reason: 'recovered', connector: null, label: null });
    const later: LooseAside[] = [];
    const taken = new Set<string>();
    for (const a of rest) {
      const key = `${a.kind}/${a.name}`;
      if (taken.has(key)) later.push(a);
      else if (await b.capture(a.kind, a.name, a.path, false)) taken.add(key);
    }
    if (await b.discardIfEmpty()) {
      rest = later;
      continue;
    }
    const snap = await b.commit({ absent: [], connectors: await safeInventory(ctx) });
    made.push(snap);
    for (const f of snap.files) known.add(f.sha256);
    await removeCopiedSources(ctx, b.copied, known);
    rest = later;
  }
  return made;
}
