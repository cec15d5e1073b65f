/**
 * `relink reconnect CONNECTOR`: walks the recovery ladder (soft refresh, quit Desktop, reset,
 * relaunch, reconnect in ChatGPT) and stops as soon as the connector is healthy on a new link.
 *
 * `ctx.overrides` keys (tests): `processControl` (a ProcessControl), `probe`, `sleep`,
 * `regenTimeoutMs`, `appServerTimeoutMs`, `runId`.
 */
import { randomBytes } from 'node:crypto';
import type { LadderResult } from '../../../shared/evidence';
import { LadderResult as LadderResultSchema } from '../../../shared/evidence';
import { displayText } from '../../../shared/text';
import { findCodexOnPath, listAppsViaAppServer } from '../../core/app-server-client';
import { createLadderLog, runLadder } from '../../core/ladder';
import type { ProcessControl } from '../../core/process-control';
import { createCommandRunner, createProcessControl } from '../../core/process-control';
import type { CodexProbe } from '../../core/process-probe';
import { createSystemProbe } from '../../core/process-probe';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { EVIDENCE_FLAGS, openEvidenceWorld } from './evidence-common';
import { reportFailure } from './store-common';

/** The human text of a ladder run. */
export function formatLadder(r: LadderResult): string {
  const out = [`Reconnecting ${displayText(r.name, 40)} (${r.connectorId})`];
  r.steps.forEach((s, i) => out.push(`  ${i + 1}. ${s.step}: ${s.outcome}: ${displayText(s.detail, 400)}`));
  out.push('', r.healthy ? `Result: healthy.` : 'Result: not fixed yet.');
  for (const n of r.nextSteps) out.push(`Next: ${n}`);
  // CLI spellings of the choices core words neutrally (the app shows buttons instead).
  if (r.steps.length === 0 && r.healthy) out.push('Pass --force to walk the ladder anyway.');
  if (r.steps.some((s) => s.outcome === 'needs-confirmation')) out.push('Rerun with --yes to let Relink quit Codex Desktop.');
  if (r.steps.some((s) => s.step === 'reconnect-in-chatgpt') || r.nextSteps.some((n) => /check whether the link changed/.test(n))) out.push('Check with: relink links');
  return out.join('\n');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `relink reconnect CONNECTOR`. */
export const reconnectCommand: Command = {
  name: 'reconnect',
  summary: 'Walk the recovery ladder for one connector until it is healthy (records every step)',
  usage: 'relink reconnect CONNECTOR [--identity IDENT] [--yes] [--force] [--lookback-days N] [--store DIR] [--codex-home DIR] [--json]',
  flags: { identity: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, force: { type: 'boolean' }, ...EVIDENCE_FLAGS },
  positionals: [1, 1],
  async run(args, ctx) {
    const connectorId = args.positionals[0]!;
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(connectorId)) return reportFailure(ctx, args, { ok: false, code: 'bad-input', message: 'A connector id looks like connector_0f1e… (see `relink status`)' });
    const world = await openEvidenceWorld(args, ctx);
    if (typeof world === 'number') return world;
    const o = ctx.overrides ?? {};
    try {
      const probe = (o.probe as CodexProbe | undefined) ?? createSystemProbe({ platform: ctx.env.platform, selfPid: process.pid });
      const wait = (o.sleep as ((ms: number) => Promise<void>) | undefined) ?? sleep;
      const control = (o.processControl as ProcessControl | undefined) ?? createProcessControl({ platform: ctx.env.platform, probe, run: createCommandRunner(), sleep: wait });
      const codexBin = await findCodexOnPath(ctx.fs, ctx.env);
      const childEnv = { ...process.env, PATH: ctx.env.PATH, HOME: ctx.env.home };
      const version = String(o.version ?? '0.1.0');
      const timeoutMs = typeof o.appServerTimeoutMs === 'number' ? o.appServerTimeoutMs : undefined;
      const log = createLadderLog(ctx.fs, world.stateDir);
      const r = await runLadder(
        {
          clock: ctx.clock,
          sleep: wait,
          scan: () => world.scan(),
          listApps: codexBin ? () => listAppsViaAppServer({ codexBin, codexHome: world.open.home, clientVersion: version, childEnv, timeoutMs, platform: ctx.env.platform }) : null,
          control,
          probe,
          reset: (i) => world.open.store.resetConnector(i),
          confirmQuit: async () => args.values.yes === true,
          record: (s) => log.record(s),
          runId: typeof o.runId === 'string' ? o.runId : `${ctx.clock.now().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`,
          regenTimeoutMs: typeof o.regenTimeoutMs === 'number' ? o.regenTimeoutMs : undefined,
        },
        { connectorId, identity: typeof args.values.identity === 'string' ? args.values.identity : undefined, force: args.values.force === true },
      );
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, LadderResultSchema.parse(r.value));
      else ctx.out(formatLadder(r.value));
      return r.value.healthy ? EXIT.ok : EXIT.failed;
    } finally {
      await world.close();
    }
  },
};
