import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodexProcess } from './process-probe';
import { classifyProcess, createSystemProbe, parsePs } from './process-probe';

/** Lists until `pid` shows up (bounded), so a slow start is not a failure; returns the last list. */
async function listUntil(pid: number | undefined): Promise<CodexProcess[]> {
  const probe = createSystemProbe({ platform: process.platform, selfPid: process.pid });
  let list: CodexProcess[] = [];
  for (let i = 0; i < 50; i++) {
    list = await probe.list();
    if (list.some((p) => p.pid === pid)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return list;
}

test('classifies Codex processes by executable name, never by an argument substring', () => {
  assert.equal(classifyProcess('/usr/local/bin/codex', ['codex']), 'cli');
  assert.equal(classifyProcess('/opt/codex/vendor/x86_64-unknown-linux-musl/bin/codex', ['codex', 'app-server']), 'app-server');
  assert.equal(classifyProcess('/usr/bin/node', ['node', '/usr/lib/node_modules/@openai/codex/bin/codex.js', 'exec', 'hi']), 'cli');
  assert.equal(classifyProcess('/Applications/Codex.app/Contents/MacOS/Codex', []), 'desktop');
  assert.equal(classifyProcess('/Applications/Codex.app/Contents/Resources/codex', ['codex', 'app-server']), 'app-server');
  assert.equal(classifyProcess('/Applications/Codex.app/Contents/Frameworks/Codex Helper.app/Contents/MacOS/Codex Helper', []), null);
  assert.equal(classifyProcess('/usr/bin/node', ['node', '/opt/relink/dist/cli/relink.js', 'reset', '--codex-home', '/home/u/.codex']), null);
  assert.equal(classifyProcess('/usr/bin/vim', ['vim', 'codex']), null);
  assert.equal(classifyProcess('/usr/bin/codex-helper', []), null);
});

test('parses macOS ps output, including paths with spaces, and skips our own pid', () => {
  const text = [
    '  101 /Applications/Codex.app/Contents/MacOS/Codex /Applications/Codex.app/Contents/MacOS/Codex',
    '  102 /Applications/Codex.app/Contents/Resources/codex /Applications/Codex.app/Contents/Resources/codex app-server --analytics-default-enabled',
    '  103 /Users/u/My Apps/Codex.app/Contents/MacOS/Codex /Users/u/My Apps/Codex.app/Contents/MacOS/Codex',
    '  104 /usr/bin/login login -pf u',
    '  105 /opt/homebrew/bin/codex /opt/homebrew/bin/codex',
    '  999 /opt/homebrew/bin/codex /opt/homebrew/bin/codex',
    'garbage',
  ].join('\n');
  assert.deepEqual(parsePs(text, 999).map((p) => [p.pid, p.kind]), [[101, 'desktop'], [102, 'app-server'], [103, 'desktop'], [105, 'cli']]);
});

test('darwin probe uses the injected exec; a failing ps means none found, never a throw', async () => {
  const ok = createSystemProbe({ platform: 'darwin', selfPid: 1, exec: async () => '  7 /opt/homebrew/bin/codex /opt/homebrew/bin/codex\n' });
  assert.deepEqual(await ok.list(), [{ pid: 7, name: 'codex', kind: 'cli' }]);
  const bad = createSystemProbe({ platform: 'darwin', selfPid: 1, exec: async () => Promise.reject(new Error('timeout')) });
  assert.deepEqual(await bad.list(), []);
  assert.deepEqual(await createSystemProbe({ platform: 'win32', selfPid: 1 }).list(), []);
});

test('linux probe reads a /proc tree: cmdline and comm, our own pid skipped, unreadable entries ignored', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-proc-'));
  const proc = (pid: number, argv: string[], comm: string) => {
    fs.mkdirSync(path.join(root, String(pid)));
    fs.writeFileSync(path.join(root, String(pid), 'cmdline'), argv.map((a) => a + '\0').join(''));
    fs.writeFileSync(path.join(root, String(pid), 'comm'), comm + '\n');
  };
  proc(10, ['/usr/bin/codex', 'app-server'], 'codex');
  proc(11, ['node', '/x/relink.js', 'reset', '--codex-home', '/h/.codex'], 'node');
  proc(12, [], 'codex'); // a zombie or kernel-hidden cmdline: comm decides
  proc(13, ['/usr/bin/codex'], 'codex');
  fs.mkdirSync(path.join(root, '14'));
  fs.mkdirSync(path.join(root, 'self'));
  const list = await createSystemProbe({ platform: 'linux', selfPid: 13, procRoot: root }).list();
  assert.deepEqual(list.map((p) => [p.pid, p.kind]).sort(), [[10, 'app-server'], [12, 'cli']]);
});

test('linux probe finds a real running process named codex', { skip: process.platform !== 'linux' ? 'Linux /proc only' : false }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-fake-codex-'));
  const bin = path.join(dir, 'codex');
  fs.writeFileSync(bin, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
  const child = spawn(bin, ['app-server'], { stdio: 'ignore' });
  try {
    const list = await listUntil(child.pid);
    const mine = list.find((p) => p.pid === child.pid);
    assert.deepEqual(mine, { pid: child.pid, name: 'codex', kind: 'app-server' });
    assert.ok(!list.some((p) => p.pid === process.pid));
  } finally {
    child.kill('SIGKILL');
  }
});

test('linux probe detects the real Codex app-server', { skip: process.env.RELINK_TEST_CODEX_BIN ? false : 'RELINK_TEST_CODEX_BIN is not set' }, async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-codex-home-'));
  const child = spawn(process.env.RELINK_TEST_CODEX_BIN!, ['app-server'], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, CODEX_HOME: home } });
  try {
    const list = await listUntil(child.pid);
    assert.equal(list.find((p) => p.pid === child.pid)?.kind, 'app-server');
  } finally {
    child.kill('SIGKILL');
  }
});
