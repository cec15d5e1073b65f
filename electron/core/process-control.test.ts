import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodexProcess } from './process-probe';
import { createCommandRunner, createProcessControl, type CommandOutcome } from './process-control';

/** A process table that changes as the test scripts it, and a runner that logs commands. */
function world(platform: NodeJS.Platform, tables: CodexProcess[][], outcome: Partial<CommandOutcome> = {}) {
  const ran: string[][] = [];
  let i = 0;
  let slept = 0;
  const pc = createProcessControl({
    platform,
    probe: { list: async () => tables[Math.min(i++, tables.length - 1)]! },
    run: async (file, args) => {
      ran.push([file, ...args]);
      return { code: 0, stdout: '', stderr: '', ...outcome };
    },
    sleep: async (ms) => {
      slept += ms;
    },
    quitTimeoutMs: 1000,
    pollMs: 100,
  });
  return { pc, ran, slept: () => slept };
}

const desktop: CodexProcess = { pid: 10, name: 'Codex', kind: 'desktop' };
const server: CodexProcess = { pid: 11, name: 'codex', kind: 'app-server' };
const tui: CodexProcess = { pid: 12, name: 'codex', kind: 'cli' };

test('macOS: quit by bundle id, then wait until Desktop and its app-server are gone', async () => {
  const { pc, ran } = world('darwin', [[desktop, server], [desktop, server], [server, tui], [tui]]);
  const r = await pc.quitDesktop();
  assert.deepEqual(r, { ok: true, value: { wasRunning: true } });
  assert.deepEqual(ran, [['osascript', '-e', 'quit app id "com.openai.codex"']]);
});

test('macOS: Desktop not running → nothing run; launch uses open -b', async () => {
  const { pc, ran } = world('darwin', [[tui]]);
  assert.deepEqual(await pc.quitDesktop(), { ok: true, value: { wasRunning: false } });
  assert.deepEqual(await pc.launchDesktop(), { ok: true, value: null });
  assert.deepEqual(ran, [['open', '-b', 'com.openai.codex']]);
});

test('a Desktop that does not exit in time is reported as still running, with a bounded wait', async () => {
  const { pc, slept } = world('darwin', [[desktop, server]]);
  const r = await pc.quitDesktop();
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.code === 'codex-running' && r.message.includes('Codex (10)'));
  assert.ok(slept() <= 1100);
});

test('a failing osascript is a typed failure with its last stderr line', async () => {
  const { pc } = world('darwin', [[desktop]], { code: 1, stderr: 'execution error: not allowed (-1743)\n' });
  const r = await pc.quitDesktop();
  assert.deepEqual(r, { ok: false, code: 'io-error', message: 'asking Codex Desktop to quit failed (execution error: not allowed (-1743))' });
});

test('Windows: quit and launch go through the OpenAI.Codex package', async () => {
  const { pc, ran } = world('win32', [[desktop], []]);
  assert.ok((await pc.quitDesktop()).ok);
  assert.ok((await pc.launchDesktop()).ok);
  assert.equal(ran.length, 2);
  assert.ok(ran.every((c) => c[0] === 'powershell.exe' && c.at(-1)!.includes('OpenAI.Codex')));
});

test('Linux: no Desktop, says so; nothing run', async () => {
  const { pc, ran } = world('linux', [[tui]]);
  assert.equal(pc.hasDesktop, false);
  const q = await pc.quitDesktop();
  assert.ok(!q.ok && q.code === 'unsupported' && /does not exist on this OS/.test(q.message));
  assert.equal((await pc.launchDesktop()).ok, false);
  assert.deepEqual(ran, []);
});

test('openUrl opens only https chatgpt.com URLs, with the OS opener and no shell', async () => {
  const { pc, ran } = world('linux', [[]]);
  const url = 'https://chatgpt.com/apps/linear/connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
  assert.deepEqual(await pc.openUrl(url), { ok: true, value: null });
  for (const bad of ['http://chatgpt.com/apps/x', 'https://chatgpt.com.evil.example/', 'https://evil.example/?https://chatgpt.com', 'file:///etc/passwd', 'https://chatgpt.com@evil.example/']) {
    const r = await pc.openUrl(bad);
    assert.ok(!r.ok && r.code === 'bad-input', bad);
  }
  assert.deepEqual(ran, [['xdg-open', url]]);
  const mac = world('darwin', [[]]);
  await mac.pc.openUrl(url);
  assert.deepEqual(mac.ran, [['open', url]]);
});

test('the real command runner reports a missing program instead of throwing', async () => {
  const run = createCommandRunner();
  const missing = await run('/nonexistent/relink-no-such-program', []);
  assert.equal(missing.error, 'ENOENT');
  const ok = await run(process.execPath, ['-e', 'process.stdout.write("hi")']);
  assert.deepEqual([ok.code, ok.stdout], [0, 'hi']);
});
