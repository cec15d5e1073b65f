import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createNodeFs } from '../fs-facade';
import { signIn } from '../testing/real-codex';
import { createEvidenceScanner } from './index';
import { LINEAR, staleHome } from './test-fixture';

const REAL = process.env.RELINK_TEST_CODEX_BIN;

/** Starts a real `codex app-server` and resolves once it has answered `initialize`. */
function startCodex(bin: string, home: string) {
  const child = spawn(bin, ['app-server'], { env: { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, stdio: ['pipe', 'pipe', 'ignore'] });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('codex app-server did not initialize in time')), 60_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (d.includes('"id":1')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error('codex app-server exited')));
  });
  child.stdin.write(JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'relink-test', title: 'Relink test', version: '0' } } }) + '\n');
  return { child, ready };
}

test("real Codex's live log database is read through a copy: its schema works, nothing is added next to it", { skip: REAL ? false : 'RELINK_TEST_CODEX_BIN is not set' }, async () => {
  const { home, root } = staleHome();
  fs.rmSync(path.join(home, 'logs_2.sqlite'));
  signIn(home);
  const { child, ready } = startCodex(REAL!, home);
  try {
    await ready;
    const db = path.join(home, 'logs_2.sqlite');
    assert.ok(fs.existsSync(db), 'Codex created its log database');
    // Plant one tool-call auth failure through SQLite itself, as Codex's logger would write it.
    const w = new DatabaseSync(db);
    try {
      w.exec('PRAGMA busy_timeout = 5000');
      const nowS = Math.floor(Date.now() / 1000);
      w.prepare('INSERT INTO logs (ts, ts_nanos, level, target, feedback_log_body, thread_id, process_uuid, estimated_bytes) VALUES (?, 0, ?, ?, ?, NULL, ?, 0)').run(
        nowS,
        'INFO',
        'codex_core::mcp_tool_call',
        `mcp.tools.call{mcp.server.name=codex_apps mcp.connector.id=${LINEAR}}: tool result isError=true text=401: "Server returned 401: 'Reauthentication required'"`,
        'relink-test',
      );
    } finally {
      w.close();
    }
    const namesBefore = fs.readdirSync(home).filter((n) => n.startsWith('logs_')).sort();
    const r = await createEvidenceScanner({ fs: createNodeFs(), clock: { now: () => new Date() }, codexHome: home, env: { home: root, platform: 'linux' }, tmpDir: root }).scan();
    assert.deepEqual(r.problems.filter((p) => p.startsWith('logs_')), []);
    assert.deepEqual(r.failures.filter((f) => f.kind === 'log-db').map((f) => f.connectorId), [LINEAR]);
    assert.deepEqual(fs.readdirSync(home).filter((n) => n.startsWith('logs_')).sort(), namesBefore);
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.startsWith('relink-logdb-')), [], 'the private copy is removed');
  } finally {
    child.kill('SIGKILL');
  }
});
