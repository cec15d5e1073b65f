/**
 * The health rule of codex-caches.md §10, applied to rows whose health came from the caches.
 *
 * A row becomes `needs-reauth` when an auth failure names a link id still among its cached
 * `linkIds`, or when a failure without a link id happened after the identity's tools file
 * mtime (the cache in use now was already in use when it failed). A failure against a link
 * that has since been replaced means the connector recovered: it stays `healthy`, with the
 * history in `reasons`. `unknown` and `unlinked` rows keep their health (there is no usable
 * link to blame) but get the failure in `reasons` and `lastAuthFailure`.
 */
import type { AuthFailure } from '../../../shared/evidence';
import type { Connector } from '../../../shared/schemas';
import { shortId } from './patterns';

/** Applies the evidence rule to every row; pure, returns new rows. */
export function applyEvidence(connectors: Connector[], failures: AuthFailure[], toolsMtimeByIdentity: Map<string, Date>): Connector[] {
  return connectors.map((c) => {
    const mine = failures.filter((f) => f.connectorId === c.id).sort((a, b) => b.at.localeCompare(a.at));
    return mine.length === 0 ? c : applyOne(c, mine, toolsMtimeByIdentity.get(c.identity) ?? null);
  });
}

/** The subset of failures that blame the cache in use now. */
function staleFailures(c: Connector, newestFirst: AuthFailure[], mtime: Date | null): AuthFailure[] {
  const cached = new Set(c.linkIds);
  return newestFirst.filter((f) => (f.linkId ? cached.has(f.linkId) : mtime !== null && Date.parse(f.at) > mtime.getTime()));
}

function describe(f: AuthFailure): string {
  const link = f.linkId ? ` on link ${shortId(f.linkId)}` : ' (no link id)';
  return `auth failure at ${f.at}${link}, from ${f.source}`;
}

function applyOne(c: Connector, newestFirst: AuthFailure[], mtime: Date | null): Connector {
  const stale = staleFailures(c, newestFirst, mtime);
  const reasons = [...c.reasons];
  const newest = stale[0] ?? newestFirst[0]!;
  const canBlame = c.health === 'healthy' || c.health === 'needs-reauth';
  let health = c.health;
  if (stale.length > 0 && canBlame) {
    health = 'needs-reauth';
    reasons.push(`${describe(newest)}: the cached link is still in use`);
  } else if (stale.length > 0) {
    reasons.push(`${describe(newest)} (health stays ${c.health}: ${c.health === 'unknown' ? 'its cache file is not usable' : 'it has no link'})`);
  } else {
    reasons.push(recoveredReason(c, newest, mtime));
  }
  return { ...c, health, reasons, lastAuthFailure: { at: newest.at, linkId: newest.linkId, source: newest.source } };
}

function recoveredReason(c: Connector, f: AuthFailure, mtime: Date | null): string {
  if (f.linkId) {
    const now = c.linkIds.length > 0 ? c.linkIds.map(shortId).join(', ') : 'none';
    return `recovered: link changed since the auth failure at ${f.at} (${shortId(f.linkId)} → ${now})`;
  }
  if (mtime) return `recovered: the tools cache was rewritten at ${mtime.toISOString()}, after the auth failure at ${f.at}`;
  return `${describe(f)}; the tools cache's age is unknown, so it is not held against this link`;
}
