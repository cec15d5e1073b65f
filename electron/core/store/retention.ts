/**
 * Retention policy (pure): keep everything from the last 24 h, the newest snapshot of each day
 * for 30 days, at least the 20 newest, every labelled snapshot (labels come only from users:
 * Relink never labels its own snapshots), and always the newest.
 * Snapshots dated in the future (a clock moved back) count as recent.
 */
import type { Snapshot } from '../../../shared/schemas';

const DAY = 24 * 60 * 60 * 1000;
/** How many newest snapshots are always kept. */
export const KEEP_NEWEST = 20;
/** Days for which the newest snapshot of each day is kept. */
export const KEEP_DAILY_DAYS = 30;

/** Why each snapshot is kept, and which ones go. Input in any order. */
export function planRetention(snaps: Pick<Snapshot, 'id' | 'createdAt' | 'label'>[], now: Date): { keep: Map<string, string>; drop: string[] } {
  const sorted = [...snaps].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const keep = new Map<string, string>();
  const t0 = now.getTime();
  const seenDays = new Set<string>();
  sorted.forEach((s, i) => {
    const t = Date.parse(s.createdAt);
    const day = s.createdAt.slice(0, 10);
    const why =
      i === 0 ? 'newest'
      : s.label !== null ? 'labelled'
      : !(t <= t0) || t0 - t < DAY ? 'from the last 24 hours'
      : i < KEEP_NEWEST ? `among the ${KEEP_NEWEST} newest`
      : t0 - t < KEEP_DAILY_DAYS * DAY && !seenDays.has(day) ? 'newest of its day (last 30 days)'
      : null;
    if (t0 - t < KEEP_DAILY_DAYS * DAY) seenDays.add(day);
    if (why) keep.set(s.id, why);
  });
  return { keep, drop: sorted.filter((s) => !keep.has(s.id)).map((s) => s.id) };
}
