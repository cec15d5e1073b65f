/**
 * Snapshot ids: `YYYYMMDDTHHMMSSmmmZ-xxxxxx` (UTC time plus 6 random hex), and the check every
 * id coming from outside (CLI argument, renderer) passes before any path is built from it.
 */
import type { Result } from '../../../shared/schemas';
import { SNAPSHOT_ID_PATTERN } from '../../../shared/schemas';
import type { RandomHex } from '../deps';
import { fail, ok } from './errors';

const ID_LENGTH = 26;

/** A fresh id for a snapshot created at `now`. */
export function newSnapshotId(now: Date, random: RandomHex): string {
  const iso = now.toISOString(); // 2026-11-24T00:31:12.123Z
  const stamp = iso.slice(0, 10).replaceAll('-', '') + 'T' + iso.slice(11, 23).replace(/[:.]/g, '') + 'Z';
  return `${stamp}-${random(3).slice(0, 6).toLowerCase()}`;
}

/** True when `s` is exactly a well-formed snapshot id. */
export function isSnapshotId(s: unknown): s is string {
  return typeof s === 'string' && s.length === ID_LENGTH && SNAPSHOT_ID_PATTERN.test(s);
}

/** A short, escaped rendering of untrusted input for messages (never the whole thing). */
export function quoteInput(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : String(raw);
  const clipped = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return JSON.stringify(clipped);
}

/** Validates an id from outside: anything but a well-formed id is `bad-input`. */
export function checkSnapshotId(raw: unknown): Result<string> {
  if (isSnapshotId(raw)) return ok(raw);
  if (typeof raw !== 'string' || raw.length === 0) return fail('bad-input', 'A snapshot id is required (see `relink history`)');
  return fail('bad-input', `${quoteInput(raw)} is not a snapshot id; ids look like 20260527T144211000Z-3f9a1c (see \`relink history\`)`);
}

/** The creation time encoded in an id (ms since epoch). */
export function idTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  if (!m) return 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}
