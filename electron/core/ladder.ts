/**
 * The recovery ladder behind `relink reconnect CONNECTOR` (issue 4; codex-caches.md §12).
 *
 * 1 soft refresh (`codex app-server` `app/list forceRefetch`), 2 quit Codex Desktop (asking
 * first), 3 back up and reset the connector's caches, 4 relaunch Desktop and wait for the tools
 * cache to come back, 5 open the connector's ChatGPT page so the user reconnects it. Every rung
 * is recorded; the ladder stops as soon as the connector is healthy on a new link. The same
 * link coming back means ChatGPT still holds the dead link (openai/codex#19669).
 */
import * as path from 'node:path';
import type { LadderResult, LadderStepName } from '../../shared/evidence';
import { LadderStep } from '../../shared/evidence';
import type { Connector, ResetResult, Result, StatusReport } from '../../shared/schemas';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import type { AppLister } from './app-server-client';
import type { Clock } from './deps';
import type { Fs } from './fs-facade';
import { appendJsonl, readJsonl } from './evidence/jsonl-log';
import { shortId } from './evidence/patterns';
import type { ProcessControl } from './process-control';
import type { CodexProbe } from './process-probe';

/** What the ladder drives; every piece is injectable. */
export interface LadderDeps {
  clock: Clock;
  sleep(ms: number): Promise<void>;
  /** A status scan with evidence applied. */
  scan(): Promise<StatusReport>;
  /** Called with every scan (link drift records it). */
  observe?(status: StatusReport): Promise<void>;
  /** One app-server refresh, or null when no `codex` CLI was found. */
  listApps: AppLister | null;
  control: ProcessControl;
  probe: CodexProbe;
  reset(i: { connectorId: string; identity?: string; label?: string }): Promise<Result<ResetResult>>;
  /** Asks before quitting Desktop (CLI: `--yes`; the app: a dialog). */
  confirmQuit(): Promise<boolean>;
  /** Appends one rung to history. */
  record(step: LadderStep): Promise<void>;
  runId: string;
  /** Bound on waiting for the regenerated tools cache (default 90 s). */
  regenTimeoutMs?: number;
  pollMs?: number;
}

/** What to reconnect. */
export interface LadderInput {
  connectorId: string;
  identity?: string;
  /** Walk the ladder even when the connector looks healthy. */
  force?: boolean;
}

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
const links = (ids: string[]) => (ids.length === 0 ? 'none' : ids.map(shortId).join(', '));

/** The external-MCP fallback, the last resort when ChatGPT keeps handing out a dead link. */
export const EXTERNAL_MCP_FALLBACK =
  "Last resort: add the service's own MCP server to Codex as an external MCP server (for example in config.toml) and use it instead of the ChatGPT connector until OpenAI fixes the link (openai/codex#24675).";

/** Picks the row to work on: the given identity, else one that needs reauth, else the first. */
function pickRow(rows: Connector[], input: LadderInput): Connector | undefined {
  const mine = rows.filter((c) => c.id === input.connectorId && (!input.identity || c.identity === input.identity));
  return mine.find((c) => c.health === 'needs-reauth') ?? mine[0];
}

/** Runs the ladder for one connector. Never throws for expected failures. */
export async function runLadder(deps: LadderDeps, input: LadderInput): Promise<Result<LadderResult>> {
  const startedAt = deps.clock.now().toISOString();
  const first = pickRow((await observed(deps)).connectors, input);
  if (!first) return { ok: false, code: 'not-found', message: `no connector ${input.connectorId} in Codex's tools cache` };
  const run = new Run(deps, input.connectorId, first);
  const finish = (nextSteps: string[]): Result<LadderResult> => ({
    ok: true,
    value: { runId: deps.runId, connectorId: first.id, name: first.name, identity: first.identity, startedAt, finishedAt: deps.clock.now().toISOString(), healthy: run.steps.length === 0 ? first.health === 'healthy' : run.fixed(run.row), linksBefore: first.linkIds, linksAfter: run.row?.linkIds ?? [], steps: run.steps, nextSteps },
  });
  if (first.health === 'healthy' && !input.force) return finish([`${first.name} is healthy (link ${links(first.linkIds)}); nothing to do.`]);
  if (await softRefresh(run)) return finish(await afterFix(run));
  const quit = await quitDesktop(run);
  if (quit === 'ask') return finish(['Codex Desktop is running: let Relink quit it, or quit it yourself, then try again.']);
  if (quit === 'failed') return finish(['Quit Codex Desktop (and any codex CLI or IDE session), then try again.']);
  if (!(await reset(run))) return finish(['The reset did not happen; see the step above, fix it, and try again.']);
  const regen = await relaunch(run, quit === 'quit');
  if (regen === 'fixed') return finish(await afterFix(run));
  if (regen === 'missing') return finish(['Start Codex so it rebuilds its tools cache, then check whether the link changed.']);
  return finish(await reconnectInChatGpt(run));
}

/** A scan that link drift also sees. */
async function observed(deps: LadderDeps): Promise<StatusReport> {
  const s = await deps.scan();
  if (deps.observe) await deps.observe(s).catch(() => undefined);
  return s;
}

/** State of one run: the row as last seen and the recorded steps. */
class Run {
  steps: LadderStep[] = [];
  row: Connector | undefined;
  constructor(
    readonly deps: LadderDeps,
    readonly connectorId: string,
    readonly first: Connector,
  ) {
    this.row = first;
  }
  /** Healthy on a different link than at the start (or linked where it was not). */
  fixed(r: Connector | undefined): boolean {
    return r !== undefined && r.health === 'healthy' && (this.first.linkIds.length === 0 || !same(r.linkIds, this.first.linkIds));
  }
  async rescan(): Promise<Connector | undefined> {
    this.row = pickRow((await observed(this.deps)).connectors, { connectorId: this.connectorId, identity: this.first.identity });
    return this.row;
  }
  async step(step: LadderStepName, outcome: LadderStep['outcome'], detail: string, before: string[]): Promise<void> {
    const s: LadderStep = { runId: this.deps.runId, at: this.deps.clock.now().toISOString(), connectorId: this.connectorId, step, outcome, detail, linksBefore: before, linksAfter: this.row?.linkIds ?? [], healthAfter: this.row?.health ?? null };
    this.steps.push(s);
    await this.deps.record(s).catch(() => undefined);
  }
  linkNote(): string {
    const now = this.row?.linkIds ?? [];
    return same(now, this.first.linkIds) ? `link unchanged (${links(now)})` : `link changed: ${links(this.first.linkIds)} → ${links(now)}`;
  }
}

/** What to tell the user once the connector is healthy on a new link. */
async function afterFix(run: Run): Promise<string[]> {
  const out = [`${run.first.name} is healthy: ${run.linkNote()}.`];
  const running = (await run.deps.probe.list().catch(() => [])).filter((p) => p.kind === 'desktop' || p.kind === 'cli');
  const relaunched = run.steps.some((s) => s.step === 'relaunch' && s.outcome === 'ok');
  // A running Codex keeps its tools snapshot in memory; the disk is read once per process (openai/codex#29003).
  if (running.length > 0 && !relaunched) out.push('Restart Codex (Desktop and any codex session) so it loads the new link; running processes keep the old one in memory.');
  return out;
}

async function softRefresh(run: Run): Promise<boolean> {
  const before = run.row?.linkIds ?? [];
  if (!run.deps.listApps) {
    await run.step('soft-refresh', 'skipped', 'no codex CLI on PATH', before);
    return false;
  }
  const r = await run.deps.listApps();
  const row = await run.rescan();
  if (!r.ok) {
    await run.step('soft-refresh', 'failed', r.message, before);
    return false;
  }
  const app = (r.value.apps ?? r.value.updated ?? []).find((a) => a.id === run.connectorId);
  const access = app ? `; Codex reports it ${app.isAccessible ? 'accessible' : 'not accessible'}` : '';
  const outcome = r.value.listError ? 'failed' : 'ok';
  const head = r.value.listError ? `app/list refetch failed (${r.value.listError})` : 'app/list refetched';
  await run.step('soft-refresh', outcome, `${head}; ${run.linkNote()}${access}`, before);
  return run.fixed(row);
}

async function quitDesktop(run: Run): Promise<'quit' | 'not-running' | 'ask' | 'failed'> {
  const before = run.row?.linkIds ?? [];
  const { control, probe } = run.deps;
  if (!control.hasDesktop) {
    await run.step('quit-desktop', 'skipped', 'no Codex Desktop on this OS', before);
    return 'not-running';
  }
  const running = (await probe.list()).some((p) => p.kind === 'desktop');
  if (!running) {
    await run.step('quit-desktop', 'skipped', 'Codex Desktop is not running', before);
    return 'not-running';
  }
  if (!(await run.deps.confirmQuit())) {
    await run.step('quit-desktop', 'needs-confirmation', 'Codex Desktop is running; quitting it needs your confirmation', before);
    return 'ask';
  }
  const r = await control.quitDesktop();
  await run.step('quit-desktop', r.ok ? 'ok' : 'failed', r.ok ? 'Codex Desktop and its app-server have exited' : r.message, before);
  return r.ok ? 'quit' : 'failed';
}

async function reset(run: Run): Promise<boolean> {
  const before = run.row?.linkIds ?? [];
  // No label: labels pin a backup against pruning, and the ladder log already ties run and backup.
  const r = await run.deps.reset({ connectorId: run.connectorId, identity: run.first.identity });
  await run.rescan();
  const detail = r.ok ? `moved ${r.value.moved.length} cache file(s) into backup ${r.value.snapshot.id}` : r.message;
  await run.step('reset', r.ok ? 'ok' : 'failed', detail, before);
  return r.ok;
}

/** Relaunches Desktop (or regenerates through the app-server) and waits for the tools cache. */
async function relaunch(run: Run, wasQuit: boolean): Promise<'fixed' | 'same' | 'missing'> {
  const before = run.row?.linkIds ?? [];
  const { control, listApps } = run.deps;
  let how: string;
  if (control.hasDesktop && (wasQuit || !listApps)) {
    const r = await control.launchDesktop();
    if (!r.ok) return (await run.step('relaunch', 'failed', r.message, before), 'missing');
    how = 'Codex Desktop relaunched';
  } else if (listApps) {
    const r = await listApps();
    how = r.ok ? 'codex app-server asked to refetch' : `codex app-server: ${r.message}`;
  } else {
    await run.step('relaunch', 'skipped', 'nothing can rebuild the tools cache here (no Codex Desktop, no codex CLI)', before);
    return 'missing';
  }
  const row = await waitForRow(run);
  if (!row) {
    await run.step('relaunch', 'failed', `${how}; the tools cache did not come back within ${Math.round((run.deps.regenTimeoutMs ?? 90_000) / 1000)} s`, before);
    return 'missing';
  }
  await run.step('relaunch', 'ok', `${how}; tools cache regenerated; ${run.linkNote()}`, before);
  return run.fixed(row) ? 'fixed' : 'same';
}

async function waitForRow(run: Run): Promise<Connector | undefined> {
  const poll = run.deps.pollMs ?? 1000;
  const rounds = Math.max(1, Math.ceil((run.deps.regenTimeoutMs ?? 90_000) / poll));
  for (let i = 0; i < rounds; i += 1) {
    const row = await run.rescan();
    if (row) return row;
    await run.deps.sleep(poll);
  }
  return run.rescan();
}

async function reconnectInChatGpt(run: Run): Promise<string[]> {
  const before = run.row?.linkIds ?? [];
  const url = run.row?.installUrl ?? run.first.installUrl;
  const sameBack = run.row !== undefined && same(run.row.linkIds, run.first.linkIds) && run.first.linkIds.length > 0;
  const why = sameBack ? `ChatGPT handed back the same link (${links(run.first.linkIds)}): the stale link is held on ChatGPT's side (openai/codex#19669)` : `${run.first.name} still fails`;
  const steps = [`Reconnect ${run.first.name} in ChatGPT (disconnect, then connect it again), then try the recovery again.`, EXTERNAL_MCP_FALLBACK];
  if (!isAllowedExternalUrl(url)) {
    await run.step('reconnect-in-chatgpt', 'skipped', `${why}; no https chatgpt.com page is known for it`, before);
    return steps;
  }
  const r = await run.deps.control.openUrl(url);
  await run.step('reconnect-in-chatgpt', r.ok ? 'ok' : 'failed', `${why}; ${r.ok ? `opened ${url}` : `${r.message}; open ${url} yourself`}`, before);
  return steps;
}

const LADDER_FILE = 'ladder.jsonl';

/** The ladder's history in `<stateDir>/ladder.jsonl`. */
export function createLadderLog(fs: Fs, stateDir: string): { record(step: LadderStep): Promise<void>; list(connectorId?: string): Promise<LadderStep[]> } {
  return {
    record: (step) => appendJsonl(fs, stateDir, LADDER_FILE, [step]),
    async list(connectorId) {
      const all = await readJsonl(fs, path.join(stateDir, LADDER_FILE), LadderStep);
      return connectorId ? all.filter((s) => s.connectorId === connectorId) : all;
    },
  };
}
