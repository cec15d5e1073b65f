/**
 * Which connectors deserve a desktop notification after a scan: pure, so it is tested under
 * Node. A connector is announced once per broken link; it is announced again only if it
 * recovers and breaks again, or breaks on another link.
 */
import type { Connector, StatusReport } from '../../shared/schemas';
import { displayText, shortLinkId } from '../../shared/text';

/** One notification to show. */
export interface Notice {
  key: string;
  title: string;
  body: string;
}

const keyOf = (c: Connector) => `${c.identity}\n${c.id}\n${c.linkIds.join(',')}`;

/**
 * The notices for `status`, given the keys already announced (updated in place: keys of
 * connectors that are no longer broken are forgotten, so a relapse is announced again).
 */
export function noticesFor(status: StatusReport, announced: Set<string>): Notice[] {
  const broken = status.connectors.filter((c) => c.health === 'needs-reauth');
  const current = new Set(broken.map(keyOf));
  for (const k of [...announced]) if (!current.has(k)) announced.delete(k);
  const out: Notice[] = [];
  for (const c of broken) {
    const key = keyOf(c);
    if (announced.has(key)) continue;
    announced.add(key);
    const link = c.linkIds.length > 0 ? ` (link ${shortLinkId(c.linkIds[0]!)})` : '';
    out.push({
      key,
      title: `${displayText(c.name, 40)} needs reconnecting`,
      body: `Codex's calls to ${displayText(c.name, 40)} fail with "Reauthentication required"${link}. Open Relink to reset its cache or reconnect it.`,
    });
  }
  return out;
}
