/**
 * Link drift, the recovery ladder and the report through the real dispatcher and api, on
 * real fixture homes: what the popup calls is what `relink links|reconnect|report` run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { LadderResult, LinkChange } from '../../shared/evidence';
import { Snapshot, StatusReport } from '../../shared/schemas';
import { createRelinkApi } from './api';
import { createDispatcher } from './dispatch';
import { createNodeFs } from './fs-facade';
import type { ProcessControl } from './process-control';
import { FIXTURES_DIR, IDS, copyFixture, regenerateStaleLink, removeFixture } from './testing/fixtures';

const FAKE = path.resolve(__dirname, 'testing/fake-codex.cjs');
const TOOLS = `cache/codex_apps_tools/${IDS.staleIdentity}.json`;
const clock = { now: () => new Date('2026-05-28T00:00:00Z') };

function setup(opts: { regenOnRefetch?: boolean } = {}) {
  const home = copyFixture('stale-link', { keepRegeneration: true });
  const opened: string[] = [];
  const calls: string[] = [];
  const procs = [{ pid: 4242, name: 'Codex', kind: 'desktop' as const }];
  const control: ProcessControl = {
    hasDesktop: true,
    quitDesktop: async () => (calls.push('quit'), procs.splice(0), { ok: true, value: { wasRunning: true } }),
    // Relaunched Codex regenerates the tools cache, and the server hands back the same dead link (openai/codex#19669).
    launchDesktop: async () => {
      calls.push('launch');
      fs.copyFileSync(path.join(FIXTURES_DIR, 'stale-link', TOOLS), path.join(home, TOOLS));
      return { ok: true, value: null };
    },
    openUrl: async () => ({ ok: false, code: 'internal', message: 'the api must route URLs through openExternal' }),
  };
  const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-fakebin-'));
  const bin = path.join(binDir, 'codex');
  const regen = opts.regenOnRefetch
    ? `FAKE_CODEX_REGEN_FROM="${path.join(home, 'after-regeneration', TOOLS)}" FAKE_CODEX_REGEN_TO="${path.join(home, TOOLS)}" `
    : '';
  fs.writeFileSync(bin, `#!/bin/sh\n${regen}exec "${process.execPath}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  const dispatch = createDispatcher(
    createRelinkApi({
      fs: createNodeFs({ noSync: true }),
      clock,
      env: { home: os.tmpdir(), platform: 'darwin', PATH: process.env.PATH },
      codexHome: home,
      probe: { list: async () => [...procs] },
      openExternal: async (url) => void opened.push(url),
      appVersion: '0.1.0-test',
      ladder: { control, sleep: async () => undefined, codexBin: async () => bin, regenTimeoutMs: 50 },
    }),
  );
  return { home, dispatch, opened, calls, close: () => (removeFixture(home), fs.rmSync(binDir, { recursive: true, force: true })) };
}

test('listLinkChanges: every scan is recorded; a regenerated link shows as old → new', async () => {
  const w = setup();
  try {
    assert.ok((await w.dispatch('getStatus', undefined)).ok);
    const none = await w.dispatch('listLinkChanges', undefined);
    assert.ok(none.ok);
    regenerateStaleLink(w.home);
    const after = await w.dispatch('getStatus', undefined);
    assert.ok(after.ok);
    const r = await w.dispatch('listLinkChanges', undefined);
    assert.ok(r.ok);
    const changes = (r.value as unknown[]).map((c) => LinkChange.parse(c));
    const linear = changes.filter((c) => c.connectorId === IDS.linear && c.from.length > 0);
    assert.equal(linear.length, 1);
    assert.deepEqual([linear[0]!.from, linear[0]!.to], [[IDS.staleLink], [IDS.regeneratedLink]]);
    assert.ok(!changes.some((c) => c.connectorId === IDS.calendar && c.from.length > 0), 'Calendar did not change');
  } finally {
    w.close();
  }
});

test('reconnect: a soft refresh that brings a new link ends the ladder healthy, without quitting Codex', async () => {
  const w = setup({ regenOnRefetch: true });
  try {
    const r = await w.dispatch('reconnect', { connectorId: IDS.linear, allowQuit: false });
    assert.ok(r.ok, JSON.stringify(r));
    const result = LadderResult.parse(r.value);
    assert.equal(result.healthy, true);
    assert.deepEqual(result.linksBefore, [IDS.staleLink]);
    assert.deepEqual(result.linksAfter, [IDS.regeneratedLink]);
    assert.equal(result.steps[0]!.step, 'soft-refresh');
    assert.deepEqual(w.calls, []);
    const status = await w.dispatch('getStatus', undefined);
    assert.ok(status.ok && StatusReport.parse(status.value).connectors.find((c) => c.id === IDS.linear)!.health === 'healthy');
  } finally {
    w.close();
  }
});

test('reconnect: the same link back and no permission to quit stops before touching Codex', async () => {
  const w = setup();
  try {
    const before = fs.readFileSync(path.join(w.home, TOOLS));
    const r = await w.dispatch('reconnect', { connectorId: IDS.linear, allowQuit: false });
    assert.ok(r.ok, JSON.stringify(r));
    const result = LadderResult.parse(r.value);
    assert.equal(result.healthy, false);
    assert.ok(result.steps.some((s) => s.step === 'quit-desktop' && s.outcome === 'needs-confirmation'));
    assert.deepEqual(w.calls, []);
    assert.deepEqual(fs.readFileSync(path.join(w.home, TOOLS)), before, 'the cache is untouched');
    assert.ok(result.nextSteps.length > 0);
  } finally {
    w.close();
  }
});

test('reconnect with permission: quits, resets (a backup in history), relaunches; same link back → opens the ChatGPT page', async () => {
  const w = setup();
  try {
    const r = await w.dispatch('reconnect', { connectorId: IDS.linear, allowQuit: true });
    assert.ok(r.ok, JSON.stringify(r));
    const result = LadderResult.parse(r.value);
    assert.deepEqual(w.calls, ['quit', 'launch']);
    assert.equal(result.healthy, false);
    assert.deepEqual(w.opened, [`https://chatgpt.com/apps/linear/${IDS.linear}`], 'through the allow-listed openExternal');
    const history = await w.dispatch('listSnapshots', undefined);
    assert.ok(history.ok);
    const snaps = z.array(Snapshot).parse(history.value);
    assert.deepEqual(snaps.map((x) => [x.reason, x.label, x.connector]), [['reset', null, IDS.linear]]);
  } finally {
    w.close();
  }
});

test('reconnect input is validated: bad ids and missing allowQuit never reach the ladder', async () => {
  const w = setup();
  try {
    for (const bad of [{ connectorId: '../x', allowQuit: true }, { connectorId: IDS.linear }, { connectorId: IDS.linear, allowQuit: 'yes' }, { connectorId: IDS.linear, allowQuit: true, extra: 1 }]) {
      const r = await w.dispatch('reconnect', bad);
      assert.ok(!r.ok && r.code === 'bad-input', JSON.stringify(bad));
    }
    assert.deepEqual(w.calls, []);
  } finally {
    w.close();
  }
});

test('getReport: redacted by default (no e-mail, identity or full link id); reveal shows them', async () => {
  const w = setup();
  try {
    const r = await w.dispatch('getReport', { connectorId: IDS.linear });
    assert.ok(r.ok, JSON.stringify(r));
    const { markdown, report } = r.value as { markdown: string; report: { redacted: boolean } };
    assert.equal(report.redacted, true);
    for (const canary of ['fixture.user@example.com', IDS.staleIdentity, IDS.staleLink, w.home]) assert.ok(!markdown.includes(canary), canary);
    assert.match(markdown, /Linear/);
    assert.match(markdown, /link_5e6f/);
    const revealed = await w.dispatch('getReport', { connectorId: IDS.linear, reveal: true });
    assert.ok(revealed.ok && (revealed.value as { markdown: string }).markdown.includes(IDS.staleLink));
    const unknown = await w.dispatch('getReport', { connectorId: 'connector_nope' });
    assert.ok(!unknown.ok && unknown.code === 'not-found');
  } finally {
    w.close();
  }
});
