/**
 * `relink status`: every connector per account with its link id, tool count and health.
 */
import type { CacheFile, Connector, StatusReport } from '../../../shared/schemas';
import { StatusReport as StatusReportSchema } from '../../../shared/schemas';
import { displayText, shortIdentity } from '../../../shared/text';
import type { CodexVersion } from '../../core/codex-version';
import { createEvidenceWorld } from '../../core/evidence-world';
import type { Parser } from '../../core/parser';
import { openStore, resolveStoreDir } from '../../core/store/index';
import { cliScanner, homeOrExit, printJson } from '../home';
import type { CliContext, Command, ParsedArgs } from '../types';
import { EXIT } from '../types';

/** Formats a report as the human table. */
export function formatStatus(r: StatusReport): string {
  const out: string[] = [`Codex home: ${r.codexHome}`, `Scanned:    ${r.scannedAt}`, ''];
  if (r.connectors.length === 0) {
    out.push(r.files.some((f) => f.kind === 'codex_apps_tools') ? 'No connectors in the tools cache.' : 'No connector caches yet: Codex writes them after it first connects to ChatGPT apps.');
  }
  const byIdentity = new Map<string, Connector[]>();
  for (const c of r.connectors) byIdentity.set(c.identity, [...(byIdentity.get(c.identity) ?? []), c]);
  for (const [identity, rows] of byIdentity) {
    const email = rows.find((c) => c.accountEmail)?.accountEmail;
    out.push(`Account ${shortIdentity(identity)}${email ? ` (${displayText(email, 80)})` : ''}`);
    const table = rows.map((c) => [displayText(c.name, 32), c.health, c.linkIds.join(', ') || '-', String(c.toolCount)]);
    out.push(...columns([['CONNECTOR', 'HEALTH', 'LINK', 'TOOLS'], ...table]).map((l) => '  ' + l));
    for (const c of rows.filter((c) => c.health !== 'healthy')) {
      out.push(`  ${displayText(c.name, 32)}: ${c.reasons.map((x) => displayText(x, 300)).join(' ')}`);
    }
    // A healthy row with a failure on record recovered: say so (evidence reasons come first).
    for (const c of rows.filter((c) => c.health === 'healthy' && c.lastAuthFailure)) {
      out.push(`  ${displayText(c.name, 32)}: ${displayText(c.reasons[0] ?? '', 300)}`);
    }
    out.push('');
  }
  const bad = r.files.filter((f) => f.state !== 'ok');
  if (bad.length > 0) {
    out.push('Files that are not ok:');
    for (const f of bad) out.push(`  ${f.path}${f.symlink ? ' (symlink)' : ''}: ${f.state}${f.message ? ` — ${displayText(f.message, 300)}` : ''}`);
  }
  return out.join('\n').trimEnd();
}

function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Counts files per state, for summaries. */
export function fileStateCounts(files: CacheFile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of files) counts[f.state] = (counts[f.state] ?? 0) + 1;
  return counts;
}

/**
 * The scan behind `status`: with a usable store, evidence is scanned incrementally and the
 * links seen go into the drift log; without one (read-only home, bad --store) it still scans.
 */
async function statusScanner(args: ParsedArgs, ctx: CliContext, home: string): Promise<{ scan(): Promise<StatusReport>; close(): Promise<void> }> {
  const flag = args.values.store;
  try {
    const store = openStore({
      fs: ctx.fs,
      clock: ctx.clock,
      codexHome: home,
      storeDir: resolveStoreDir(home, ctx.env, typeof flag === 'string' && flag !== '' ? flag : undefined),
      probe: { list: async () => [] },
      inventory: async () => [],
      appVersion: '',
    });
    const o = ctx.overrides ?? {};
    return createEvidenceWorld({
      fs: ctx.fs,
      clock: ctx.clock,
      env: ctx.env,
      codexHome: home,
      stateDir: await store.stateDir(),
      parser: o.parser as Parser | undefined,
      codexVersion: o.codexVersion as (() => Promise<CodexVersion | null>) | undefined,
    });
  } catch {
    return cliScanner(ctx, home);
  }
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'List every connector per account with its link id, tool count and health',
  usage: 'relink status [--codex-home DIR] [--store DIR] [--json]',
  flags: { store: { type: 'string' } },
  async run(args, ctx) {
    const home = await homeOrExit(args, ctx);
    if (typeof home === 'number') return home;
    const scanner = await statusScanner(args, ctx, home);
    try {
      const report = StatusReportSchema.parse(await scanner.scan());
      if (args.values.json) printJson(ctx, report);
      else ctx.out(formatStatus(report));
      return EXIT.ok;
    } finally {
      await scanner.close();
    }
  },
};
