/**
 * `relink links`: each connector's cached link ids now, and every change Relink has seen
 * ("link changed at T: old → new"), the bit that tells whether a reset worked.
 */
import type { LinkChange } from '../../../shared/evidence';
import type { StatusReport } from '../../../shared/schemas';
import { displayText, shortIdentity } from '../../../shared/text';
import { describeChange } from '../../core/link-drift';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { EVIDENCE_FLAGS, openEvidenceWorld } from './evidence-common';

/** The `--json` document. */
export interface LinksOutput {
  current: Array<{ identity: string; connectorId: string; name: string; linkIds: string[]; health: string }>;
  changes: LinkChange[];
}

/** Builds the output from a scan and the drift log. */
export function linksOutput(status: StatusReport, changes: LinkChange[], connectorId?: string): LinksOutput {
  const rows = status.connectors.filter((c) => !connectorId || c.id === connectorId);
  return {
    current: rows.map((c) => ({ identity: c.identity, connectorId: c.id, name: c.name, linkIds: c.linkIds, health: c.health })),
    changes: changes.filter((c) => !connectorId || c.connectorId === connectorId),
  };
}

/** The human text. */
export function formatLinks(o: LinksOutput): string {
  const out = ['Links now:'];
  if (o.current.length === 0) out.push('  (no connectors in the tools cache)');
  for (const c of o.current) out.push(`  ${displayText(c.name, 32)} [${shortIdentity(c.identity)}]: ${c.linkIds.join(', ') || 'no link'} (${c.health})`);
  out.push('', 'Link changes seen:');
  if (o.changes.length === 0) out.push('  none yet (Relink records links each time `relink links`, `reconnect` or the app scans)');
  for (const c of o.changes) out.push(`  ${displayText(describeChange(c), 300)} [${shortIdentity(c.identity)}]`);
  return out.join('\n');
}

/** `relink links`. */
export const linksCommand: Command = {
  name: 'links',
  summary: 'Show each connector\'s link ids and every link change Relink has seen',
  usage: 'relink links [--connector ID] [--lookback-days N] [--store DIR] [--codex-home DIR] [--json]',
  flags: { connector: { type: 'string' }, ...EVIDENCE_FLAGS },
  async run(args, ctx) {
    const world = await openEvidenceWorld(args, ctx);
    if (typeof world === 'number') return world;
    try {
      const status = await world.scan();
      const id = typeof args.values.connector === 'string' ? args.values.connector : undefined;
      const o = linksOutput(status, await world.drift.listLinkChanges(), id);
      if (args.values.json) printJson(ctx, o);
      else ctx.out(formatLinks(o));
      return EXIT.ok;
    } finally {
      await world.close();
    }
  },
};
