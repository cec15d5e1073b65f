import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Result } from '../../shared/schemas';
import { listAppsViaAppServer } from './app-server-client';
import { createEvidenceScanner } from './evidence';
import { applyEvidence } from './evidence/health';
import { FIXTURES, GCAL, LINEAR, NEW_LINK, NOW, OLD_LINK, STALE_TOOLS, staleHome } from './evidence/test-fixture';
import { createNodeFs } from './fs-facade';
import { createLadderLog, EXTERNAL_MCP_FALLBACK, runLadder, type LadderDeps } from './ladder';
import { createLinkDrift } from './link-drift';
import type { ProcessControl } from './process-control';
import type { CodexProcess } from './process-probe';
import { createScanner } from './status';
import { openStore } from './store';

const FAKE = path.resolve(__dirname, 'testing/fake-codex.cjs');
const REGEN = path.join(FIXTURES, 'stale-link/after-regeneration', STALE_TOOLS);
const ORIGINAL = path.join(FIXTURES, 'stale-link', STALE_TOOLS);

interface World {
  home: string;
  state: string;
  procs: CodexProcess[];
  urls: string[];
  calls: string[];
  deps: LadderDeps;
  close(): Promise<void>;
}

/** A fake Desktop: quitting empties the process table; launching rewrites the tools cache from `relaunchWith`. */
function fakeControl(w: { procs: CodexProcess[]; calls: string[]; urls: string[]; home: string }, platform: 'darwin' | 'linux', relaunchWith: string | null): ProcessControl {
  return {
    hasDesktop: platform === 'darwin',
    async quitDesktop() {
      w.calls.push('quit');
      w.procs.splice(0, w.procs.length);
      return { ok: true, value: { wasRunning: true } };
    },
    async launchDesktop() {
      w.calls.push('launch');
      if (relaunchWith) fs.copyFileSync(relaunchWith, path.join(w.home, STALE_TOOLS));
      return { ok: true, value: null };
    },
    async openUrl(url) {
      w.urls.push(url);
      return { ok: true, value: null };
    },
  };
}

function fakeCodex(home: string, env: Record<string, string>, timeoutMs = 5000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-fakebin-'));
  const bin = path.join(dir, 'codex');
  fs.writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  return () => listAppsViaAppServer({ codexBin: bin, codexHome: home, clientVersion: '0.1.0', timeoutMs, childEnv: { PATH: process.env.PATH, ...env } });
}

function world(opts: { platform: 'darwin' | 'linux'; desktopRunning?: boolean; others?: CodexProcess[]; codex: Record<string, string> | ((home: string) => Record<string, string>) | null | 'silent'; relaunchWith?: string | null; confirm?: boolean }): World {
  const { home, root } = staleHome();
  const state = path.join(root, 'state');
  const fsx = createNodeFs({ noSync: true });
  const clock = { now: () => NOW };
  const env = { home: root, platform: opts.platform };
  const evidence = createEvidenceScanner({ fs: fsx, clock, codexHome: home, env });
  const scanner = createScanner({ fs: fsx, clock, codexHome: home, env, codexVersion: async () => null, evidence: async (rows, m) => applyEvidence(rows, (await evidence.scan()).failures, m) });
  const w = { home, state, procs: [...(opts.desktopRunning ? [{ pid: 10, name: 'Codex', kind: 'desktop' as const }] : []), ...(opts.others ?? [])], urls: [] as string[], calls: [] as string[] };
  const probe = { list: async () => [...w.procs] };
  const store = openStore({ fs: fsx, clock, codexHome: home, storeDir: path.join(root, 'store'), probe, appVersion: '0.0.0-test', inventory: async () => (await scanner.scan()).connectors.map((c) => ({ identity: c.identity, id: c.id, name: c.name, linkIds: c.linkIds })) });
  const log = createLadderLog(fsx, state);
  const drift = createLinkDrift({ fs: fsx, clock, stateDir: state });
  const listApps = opts.codex === null ? null : opts.codex === 'silent' ? fakeCodex(home, { FAKE_CODEX_MODE: 'silent' }, 600) : fakeCodex(home, typeof opts.codex === 'function' ? opts.codex(home) : opts.codex);
  const deps: LadderDeps = {
    clock,
    sleep: async () => undefined,
    scan: () => scanner.scan(),
    observe: async (s) => void (await drift.recordObservation(s)),
    listApps,
    control: fakeControl({ ...w, home }, opts.platform, opts.relaunchWith ?? null),
    probe,
    reset: (i) => store.resetConnector(i),
    confirmQuit: async () => opts.confirm ?? true,
    record: (s) => log.record(s),
    runId: 'run-0001',
    regenTimeoutMs: 3000,
    pollMs: 1000,
  };
  return { ...w, deps, close: () => scanner.close() };
}

const value = <T>(r: Result<T>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};

test('rung 1 fixes it: the app-server refetch brings a new link; the ladder stops there', async () => {
  const w = world({ platform: 'darwin', desktopRunning: true, codex: (home) => ({ FAKE_CODEX_REGEN_FROM: REGEN, FAKE_CODEX_REGEN_TO: path.join(home, STALE_TOOLS) }) });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.equal(r.healthy, true);
    assert.deepEqual([r.linksBefore, r.linksAfter], [[OLD_LINK], [NEW_LINK]]);
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'ok']]);
    assert.match(r.steps[0]!.detail, /link changed: link_5e6f…9a0b → link_d4c3…b0a9; Codex reports it accessible/);
    assert.ok(r.nextSteps.some((s) => s.startsWith('Restart Codex')), 'Desktop still holds the old link in memory');
    assert.deepEqual(w.calls, []);
    const logged = await createLadderLog(createNodeFs(), w.state).list(LINEAR);
    assert.deepEqual(logged, r.steps);
    const drift = await createLinkDrift({ fs: createNodeFs(), clock: { now: () => NOW }, stateDir: w.state }).listLinkChanges({ connectorId: LINEAR });
    assert.deepEqual(drift.map((d) => [d.from, d.to]), [[[OLD_LINK], [NEW_LINK]]]);
  } finally {
    await w.close();
  }
});

test('same link back (openai/codex#19669): all five rungs, ending at the ChatGPT page', async () => {
  const w = world({ platform: 'darwin', desktopRunning: true, codex: { FAKE_CODEX_MODE: 'list-error' }, relaunchWith: ORIGINAL });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.equal(r.healthy, false);
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [
      ['soft-refresh', 'failed'],
      ['quit-desktop', 'ok'],
      ['reset', 'ok'],
      ['relaunch', 'ok'],
      ['reconnect-in-chatgpt', 'ok'],
    ]);
    assert.deepEqual(w.calls, ['quit', 'launch']);
    assert.deepEqual(w.urls, [`https://chatgpt.com/apps/linear/${LINEAR}`]);
    assert.match(r.steps[2]!.detail, /^moved \d cache file\(s\) into backup \d{8}T\d{9}Z-[0-9a-f]{6}$/);
    assert.deepEqual(r.steps[2]!.linksAfter, [], 'the reset moved the tools file aside');
    assert.match(r.steps[4]!.detail, /same link \(link_5e6f…9a0b\).*openai\/codex#19669/);
    assert.ok(r.nextSteps.includes(EXTERNAL_MCP_FALLBACK));
    assert.deepEqual(r.linksAfter, [OLD_LINK]);
  } finally {
    await w.close();
  }
});

test('reset + relaunch brings a new link (openai/codex#24675): stops at rung 4', async () => {
  const w = world({ platform: 'darwin', desktopRunning: true, codex: { FAKE_CODEX_MODE: 'list-error' }, relaunchWith: REGEN });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.equal(r.healthy, true);
    assert.deepEqual(r.steps.map((s) => s.step), ['soft-refresh', 'quit-desktop', 'reset', 'relaunch']);
    assert.match(r.steps[3]!.detail, /Codex Desktop relaunched; tools cache regenerated; link changed/);
    assert.deepEqual(w.urls, []);
  } finally {
    await w.close();
  }
});

test('without confirmation Desktop is not quit and nothing is reset', async () => {
  const w = world({ platform: 'darwin', desktopRunning: true, codex: null, confirm: false });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'skipped'], ['quit-desktop', 'needs-confirmation']]);
    assert.match(r.nextSteps[0]!, /let Relink quit it, or quit it yourself/);
    assert.deepEqual(w.calls, []);
    assert.ok(fs.existsSync(path.join(w.home, STALE_TOOLS)));
  } finally {
    await w.close();
  }
});

test('Linux, app-server never answers: soft refresh fails in bounded time, the ladder goes on', async () => {
  const w = world({ platform: 'linux', codex: 'silent' });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [
      ['soft-refresh', 'failed'],
      ['quit-desktop', 'skipped'],
      ['reset', 'ok'],
      ['relaunch', 'failed'],
    ]);
    assert.match(r.steps[0]!.detail, /did not answer within/);
    assert.match(r.steps[1]!.detail, /no Codex Desktop on this OS/);
    assert.match(r.steps[3]!.detail, /did not come back within 3 s/);
    assert.match(r.nextSteps[0]!, /Start Codex/);
  } finally {
    await w.close();
  }
});

test('Linux without a codex binary: rung 1 skipped, nothing can regenerate, says so', async () => {
  const w = world({ platform: 'linux', codex: null });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'skipped'], ['quit-desktop', 'skipped'], ['reset', 'ok'], ['relaunch', 'skipped']]);
    assert.match(r.steps[0]!.detail, /no codex CLI on PATH/);
  } finally {
    await w.close();
  }
});

test('a healthy connector is left alone; an unknown one is not-found', async () => {
  const w = world({ platform: 'linux', codex: null });
  try {
    const r = value(await runLadder(w.deps, { connectorId: GCAL }));
    assert.equal(r.healthy, true);
    assert.deepEqual(r.steps, []);
    assert.match(r.nextSteps[0]!, /is healthy .*nothing to do/);
    const nf = await runLadder(w.deps, { connectorId: 'connector_ffffffffffffffffffffffffffffffff' });
    assert.equal(!nf.ok && nf.code, 'not-found');
  } finally {
    await w.close();
  }
});

test('a codex TUI still running makes the reset refuse: the ladder stops and says why', async () => {
  const w = world({ platform: 'linux', codex: null, others: [{ pid: 12, name: 'codex', kind: 'cli' }] });
  try {
    const r = value(await runLadder(w.deps, { connectorId: LINEAR }));
    assert.deepEqual(r.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'skipped'], ['quit-desktop', 'skipped'], ['reset', 'failed']]);
    assert.match(r.steps[2]!.detail, /Codex is running/);
    assert.match(r.nextSteps[0]!, /reset did not happen/);
    assert.ok(fs.existsSync(path.join(w.home, STALE_TOOLS)));
  } finally {
    await w.close();
  }
});
