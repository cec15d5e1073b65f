/**
 * `relink history`: backups newest first, with the connectors and link ids each one recorded.
 */
import { z } from 'zod';
import type { Snapshot } from '../../../shared/schemas';
import { Snapshot as SnapshotSchema } from '../../../shared/schemas';
import { displayText, shortIdentity } from '../../../shared/text';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { formatBytes, formatTime, openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** One snapshot as history lines. */
export function formatSnapshot(s: Snapshot): string[] {
  const connector = s.connector ? ` (${displayText(s.connectors.find((c) => c.id === s.connector)?.name ?? s.connector, 40)})` : '';
  const bytes = s.files.reduce((n, f) => n + f.bytes, 0);
  const label = s.label ? `  "${displayText(s.label, 80)}"` : '';
  const out = [`${s.id}  ${formatTime(s.createdAt)}  ${s.reason}${connector}${label}  ${s.files.length} file${s.files.length === 1 ? '' : 's'}, ${formatBytes(bytes)}`];
  for (const c of s.connectors) out.push(`    ${displayText(c.name, 40)} [${shortIdentity(c.identity)}]: ${c.linkIds.join(', ') || 'no link'}`);
  return out;
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'List backups newest first, with the link ids each one holds',
  usage: 'relink history [--store DIR] [--codex-home DIR] [--json]',
  flags: { ...STORE_FLAG },
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.list();
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, z.array(SnapshotSchema).parse(r.value));
      else ctx.out(r.value.length === 0 ? 'No backups yet.' : r.value.flatMap(formatSnapshot).join('\n'));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
