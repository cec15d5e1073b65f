import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LadderResult, Report } from '../../../shared/evidence';
import { FIXTURES, LINEAR, NEW_LINK, NOW, OLD_LINK, STALE_TOOLS, staleHome } from '../../core/evidence/test-fixture';
import type { ProcessControl } from '../../core/process-control';
import type { CodexProcess } from '../../core/process-probe';
import { runCaptured } from '../testing/capture';

const FAKE = path.resolve(__dirname, '../../core/testing/fake-codex.cjs');

/** A PATH dir holding a fake `codex` whose refetch rewrites the tools cache with `regen`. */
function fakeCodexDir(home: string, regen: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-fakebin-'));
  const env = regen ? `FAKE_CODEX_REGEN_FROM='${regen}' FAKE_CODEX_REGEN_TO='${path.join(home, STALE_TOOLS)}' ` : '';
  fs.writeFileSync(path.join(dir, 'codex'), `#!/bin/sh\n${env}exec "${process.execPath}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  return dir;
}

function fakeDesktop(procs: CodexProcess[], calls: string[]): ProcessControl {
  return {
    hasDesktop: true,
    quitDesktop: async () => (calls.push('quit'), procs.splice(0), { ok: true, value: { wasRunning: true } }),
    launchDesktop: async () => (calls.push('launch'), { ok: true, value: null }),
    openUrl: async (u) => (calls.push(`open ${u}`), { ok: true, value: null }),
  };
}

test('reconnect: the soft refresh brings a new link; steps recorded; links and report show it', async () => {
  const { home } = staleHome();
  const dir = fakeCodexDir(home, path.join(FIXTURES, 'stale-link/after-regeneration', STALE_TOOLS));
  const overrides = { probe: { list: async () => [] }, processControl: fakeDesktop([], []), runId: 'run-cli-1', sleep: async () => undefined };
  const r = await runCaptured(['reconnect', LINEAR, '--codex-home', home], { now: NOW, env: { PATH: dir, platform: 'linux' }, overrides });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1\. soft-refresh: ok: app\/list refetched; link changed: link_5e6f…9a0b → link_d4c3…b0a9/);
  assert.match(r.out, /Result: healthy\./);
  const links = JSON.parse((await runCaptured(['links', '--codex-home', home, '--json'], { now: NOW, overrides })).out);
  assert.deepEqual(links.changes.map((c: { from: string[]; to: string[] }) => [c.from, c.to]), [[[OLD_LINK], [NEW_LINK]]]);
  const rep = await runCaptured(['report', LINEAR, '--codex-home', home, '--json'], { now: NOW, overrides });
  assert.equal(rep.code, 0, rep.err);
  const report = Report.parse(JSON.parse(rep.out));
  assert.deepEqual(report.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'ok']]);
  assert.deepEqual(report.linkChanges.map((c) => [c.from, c.to]), [[['link_5e6f…9a0b'], ['link_d4c3…b0a9']]]);
  assert.equal(report.connector.health, 'healthy');
  assert.ok(!rep.out.includes(OLD_LINK) && !rep.out.includes('fixture.user@example.com'));
});

test('reconnect --json without --yes stops before quitting a running Desktop; nothing reset', async () => {
  const { home } = staleHome();
  const procs: CodexProcess[] = [{ pid: 7, name: 'Codex', kind: 'desktop' }];
  const calls: string[] = [];
  const overrides = { probe: { list: async () => [...procs] }, processControl: fakeDesktop(procs, calls), sleep: async () => undefined };
  const r = await runCaptured(['reconnect', LINEAR, '--codex-home', home, '--json'], { now: NOW, env: { PATH: '', platform: 'darwin' }, overrides });
  assert.equal(r.code, 1);
  const v = LadderResult.parse(JSON.parse(r.out));
  assert.deepEqual(v.steps.map((s) => [s.step, s.outcome]), [['soft-refresh', 'skipped'], ['quit-desktop', 'needs-confirmation']]);
  assert.match(v.nextSteps[0]!, /let Relink quit it/);
  assert.deepEqual(calls, []);
  assert.ok(fs.existsSync(path.join(home, STALE_TOOLS)));
  const human = await runCaptured(['reconnect', LINEAR, '--codex-home', home], { now: NOW, env: { PATH: '', platform: 'darwin' }, overrides });
  assert.match(human.out, /quit-desktop: needs-confirmation/);
  assert.match(human.out, /Rerun with --yes to let Relink quit Codex Desktop\./, 'the CLI spells the choice as its flag');
});

test('reconnect --yes with the same link back ends at the ChatGPT page (openai/codex#19669)', async () => {
  const { home } = staleHome();
  const procs: CodexProcess[] = [{ pid: 7, name: 'Codex', kind: 'desktop' }];
  const calls: string[] = [];
  const control = fakeDesktop(procs, calls);
  const original = path.join(FIXTURES, 'stale-link', STALE_TOOLS);
  control.launchDesktop = async () => (calls.push('launch'), fs.copyFileSync(original, path.join(home, STALE_TOOLS)), { ok: true, value: null });
  const overrides = { probe: { list: async () => [...procs] }, processControl: control, sleep: async () => undefined, regenTimeoutMs: 2000 };
  const r = await runCaptured(['reconnect', LINEAR, '--codex-home', home, '--yes'], { now: NOW, env: { PATH: '', platform: 'darwin' }, overrides });
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /5\. reconnect-in-chatgpt: ok: ChatGPT handed back the same link/);
  assert.match(r.out, /Next: Last resort: add the service's own MCP server/);
  assert.deepEqual(calls, ['quit', 'launch', `open https://chatgpt.com/apps/linear/${LINEAR}`]);
});

test('reconnect: bad or unknown connector ids are clear failures', async () => {
  const { home } = staleHome();
  const overrides = { probe: { list: async () => [] } };
  const bad = await runCaptured(['reconnect', '../etc', '--codex-home', home], { now: NOW, overrides });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /connector id looks like/);
  const unknown = await runCaptured(['reconnect', 'connector_ffffffffffffffffffffffffffffffff', '--codex-home', home], { now: NOW, overrides });
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /^relink: no connector connector_f+ in Codex's tools cache$/);
  const missing = await runCaptured(['reconnect', '--codex-home', home], { now: NOW, overrides });
  assert.equal(missing.code, 2);
});
