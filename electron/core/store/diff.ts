/**
 * Diff between two snapshots, or a snapshot and the live cache: per connector, link ids added,
 * removed or changed; per file, added, removed or changed (by content hash).
 */
import type { CacheKind, ConnectorChange, FileChange, Snapshot, SnapshotConnector, SnapshotDiff } from '../../../shared/schemas';
import { CACHE_KINDS } from '../../../shared/schemas';
import { parseCachePath, relCachePath } from '../cache-layout';
import { entryPath } from './builder';
import type { StoreCtx } from './context';
import { safeInventory } from './context';
import { hashFile } from './entry-io';
import { scanFolder } from './entries';

/** The part of a state a diff compares. */
export interface DiffSide {
  connectors: SnapshotConnector[];
  files: Map<string, string>;
  /**
   * The cache kinds this side speaks for; null = all. A connector reset backs up only the
   * tools and server-info files, so the directory it never held is not "added" later.
   */
  scope: Set<CacheKind> | null;
}

/** A snapshot as a diff side. */
export function sideOf(snap: Snapshot): DiffSide {
  const kinds = [...snap.files.map((f) => f.kind), ...snap.absent.map((p) => parseCachePath(p)?.kind).filter((k): k is CacheKind => k !== undefined)];
  return { connectors: snap.connectors, files: new Map(snap.files.map((f) => [f.path, f.sha256])), scope: snap.reason === 'reset-all' ? null : new Set(kinds) };
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
  return { connectors: await safeInventory(ctx), files, scope: null };
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
  const inScope = (p: string) => {
    const kind = parseCachePath(p)?.kind;
    return kind !== undefined && (a.scope === null || a.scope.has(kind)) && (b.scope === null || b.scope.has(kind));
  };
  for (const p of [...new Set([...a.files.keys(), ...b.files.keys()])].filter(inScope).sort()) {
    const x = a.files.get(p);
    const y = b.files.get(p);
    files.push({ path: p, change: x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'same' : 'changed' });
  }
  return { from, to, connectors, files };
}
