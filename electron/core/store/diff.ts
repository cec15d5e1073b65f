/**
 * Diff between two snapshots, or a snapshot and the live cache: per connector, link ids added,
 * removed or changed; per file, added, removed or changed (by content hash).
 */
import type { ConnectorChange, FileChange, Snapshot, SnapshotConnector, SnapshotDiff } from '../../../shared/schemas';
import { CACHE_KINDS } from '../../../shared/schemas';
import { relCachePath } from '../cache-layout';
import { entryPath } from './builder';
import type { StoreCtx } from './context';
import { safeInventory } from './context';
import { hashFile } from './entry-io';
import { scanFolder } from './entries';

/** The part of a state a diff compares. */
export interface DiffSide {
  connectors: SnapshotConnector[];
  files: Map<string, string>;
}

/** A snapshot as a diff side. */
export function sideOf(snap: Snapshot): DiffSide {
  return { connectors: snap.connectors, files: new Map(snap.files.map((f) => [f.path, f.sha256])) };
}

/** The live cache as a diff side (movable entries of the four kinds, hashed). */
export async function currentSide(ctx: StoreCtx): Promise<DiffSide> {
  const files = new Map<string, string>();
  for (const kind of CACHE_KINDS) {
    const { targets } = await scanFolder(ctx, kind);
    for (const t of targets) {
      const r = await hashFile(ctx.fs, entryPath(ctx, t.kind, t.name), t.symlink).catch(() => null);
      if (r) files.set(relCachePath(t.kind, t.name), r.sha256);
    }
  }
  return { connectors: await safeInventory(ctx), files };
}

const key = (c: SnapshotConnector) => `${c.identity}\0${c.id}`;
const sameLinks = (a: string[], b: string[]) => [...new Set(a)].sort().join() === [...new Set(b)].sort().join();

/** Compares two sides; `from` is the older. */
export function diffSides(from: string, to: string, a: DiffSide, b: DiffSide): SnapshotDiff {
  const before = new Map(a.connectors.map((c) => [key(c), c]));
  const after = new Map(b.connectors.map((c) => [key(c), c]));
  const connectors: ConnectorChange[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(k);
    const y = after.get(k);
    const base = (x ?? y)!;
    const change = !x ? 'added' : !y ? 'removed' : sameLinks(x.linkIds, y.linkIds) ? 'same' : 'changed';
    connectors.push({ identity: base.identity, id: base.id, name: y?.name ?? base.name, change, before: x?.linkIds ?? [], after: y?.linkIds ?? [] });
  }
  const files: FileChange[] = [];
  for (const p of [...new Set([...a.files.keys(), ...b.files.keys()])].sort()) {
    const x = a.files.get(p);
    const y = b.files.get(p);
    files.push({ path: p, change: x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'same' : 'changed' });
  }
  return { from, to, connectors, files };
}
