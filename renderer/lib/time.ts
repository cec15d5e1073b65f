/**
 * Time formatting relative to the scan time the backend reports (not the browser clock), so
 * the popup says the same thing the CLI and the tests see.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

function partsOf(date: Date, timeZone?: string): Parts {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const get = (t: string) => Number(f.formatToParts(date).find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `18:02` on the reference day, `27 May, 18:02` in its year, `27 May 2025` otherwise.
 *
 * Returns `unknown time` for an unparsable string (the value comes over IPC).
 */
export function formatTime(iso: string, referenceIso?: string, timeZone?: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return 'unknown time';
  const p = partsOf(t, timeZone);
  const refDate = referenceIso ? new Date(referenceIso) : new Date();
  const r = partsOf(Number.isNaN(refDate.getTime()) ? new Date() : refDate, timeZone);
  const hm = `${pad(p.h)}:${pad(p.mi)}`;
  if (p.y === r.y && p.mo === r.mo && p.d === r.d) return hm;
  const day = `${p.d} ${MONTHS[p.mo - 1] ?? ''}`;
  return p.y === r.y ? `${day}, ${hm}` : `${day} ${p.y}`;
}

/** The full timestamp for a `title`/tooltip: `2026-05-27 18:02:13`. */
export function formatFull(iso: string, timeZone?: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return 'unknown time';
  const p = partsOf(t, timeZone);
  const s = new Intl.DateTimeFormat('en-US', { timeZone, second: 'numeric' }).format(t);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(Number(s))}`;
}
