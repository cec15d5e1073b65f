/**
 * Pure helpers for the history view: snapshot titles, held links and "what changed since".
 */
import type { LinkChange } from '../../shared/evidence';
import type { ConnectorChange, Snapshot, SnapshotDiff } from '../../shared/schemas';
import { cleanText, plural, shortenId } from './text';

/** Sorts snapshots newest first (ids are sortable timestamps; createdAt breaks no ties). */
export function newestFirst(list: readonly Snapshot[]): Snapshot[] {
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** Why the snapshot exists, in words: "Reset of Linear", "Before a restore", … */
export function snapshotTitle(s: Snapshot): string {
  switch (s.reason) {
    case 'reset': {
      const c = s.connectors.find((x) => x.id === s.connector);
      return `Reset of ${cleanText(c?.name ?? s.connector ?? 'a connector', 40)}`;
    }
    case 'reset-all':
      return 'Reset of all connectors';
    case 'before-restore':
      return 'Before a restore';
    case 'recovered':
      return 'Recovered after an interruption';
    case 'manual':
      return 'Manual backup';
  }
}

/** "Linear link_5e6f…9a0b" per connector the snapshot holds a link for. */
export function heldLinks(s: Snapshot): { key: string; name: string; links: string[] }[] {
  return s.connectors
    .filter((c) => c.linkIds.length > 0)
    .map((c) => ({ key: `${c.identity}/${c.id}`, name: cleanText(c.name, 40), links: c.linkIds.map((l) => shortenId(l)) }));
}

/** One line per connector whose links differ between the diff's two sides. */
export function connectorChangeText(c: ConnectorChange, direction: 'since' | 'restore'): string {
  const name = cleanText(c.name, 40);
  const [from, to] = direction === 'since' ? [c.before, c.after] : [c.after, c.before];
  const show = (ids: string[]) => (ids.length ? ids.map((l) => shortenId(l)).join(', ') : 'no link');
  if (from.length === 0 && to.length > 0) return `${name}: ${show(to)} ${direction === 'since' ? 'appeared' : 'comes back'}`;
  if (to.length === 0 && from.length > 0) return `${name}: ${show(from)} ${direction === 'since' ? 'is gone now' : 'goes away'}`;
  return `${name}: ${show(from)} → ${show(to)}`;
}

/** The changed connectors of a diff. */
export function changedConnectors(d: SnapshotDiff): ConnectorChange[] {
  return d.connectors.filter((c) => c.change !== 'same');
}

/** A one-line summary of how the live cache differs from a snapshot. */
export function diffSummary(d: SnapshotDiff): string {
  const links = changedConnectors(d).length;
  const files = d.files.filter((f) => f.change !== 'same').length;
  if (links === 0 && files === 0) return 'Same as now';
  const parts: string[] = [];
  if (links > 0) parts.push(`${plural(links, 'link')} changed`);
  if (files > 0) parts.push(`${plural(files, 'file')} ${files === 1 ? 'differs' : 'differ'}`);
  return 'Since then: ' + parts.join(', ');
}

/** What a restore would do to the cache files: write back, and move aside (recorded as absent). */
export function restoreFileCounts(d: SnapshotDiff, s: Pick<Snapshot, 'absent'>): { write: number; remove: number } {
  let write = 0;
  let remove = 0;
  for (const f of d.files) {
    // Gone or changed since the snapshot: the restore writes the snapshot's bytes back.
    if (f.change === 'removed' || f.change === 'changed') write += 1;
    // New since: moved aside only when the snapshot recorded the path as absent (Snapshot.absent).
    else if (f.change === 'added' && s.absent.includes(f.path)) remove += 1;
  }
  return { write, remove };
}

/** "link_5e6f…9a0b → link_d4c3…b0a9" for one observed link change. */
export function linkChangeText(c: Pick<LinkChange, 'from' | 'to'>): string {
  const show = (ids: string[]) => (ids.length ? ids.map((l) => shortenId(l)).join(', ') : 'no link');
  return `${show(c.from)} → ${show(c.to)}`;
}

/** The changes of one connector, newest first as given. */
export function changesFor<T extends Pick<LinkChange, 'identity' | 'connectorId'>>(list: readonly T[], identity: string, connectorId: string): T[] {
  return list.filter((c) => c.identity === identity && c.connectorId === connectorId);
}
