/**
 * `relink label ID TEXT`: name a backup (an empty TEXT removes the label).
 */
import { Snapshot as SnapshotSchema } from '../../../shared/schemas';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { formatSnapshot } from './history';
import { openCliStore, reportFailure, STORE_FLAG } from './store-common';

export const labelCommand: Command = {
  name: 'label',
  summary: 'Label a backup (an empty label removes it); labelled backups are never pruned',
  usage: 'relink label ID TEXT [--store DIR] [--codex-home DIR] [--json]',
  flags: { ...STORE_FLAG },
  positionals: [2, 2],
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.label({ id: args.positionals[0]!, label: args.positionals[1]! });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, SnapshotSchema.parse(r.value));
      else ctx.out(formatSnapshot(r.value).join('\n'));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
