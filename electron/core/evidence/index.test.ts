import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DatabaseSync } from 'node:sqlite';
import { createNodeFs } from '../fs-facade';
import type { Env } from '../deps';
import { createEvidenceScanner, type AuthFailure, type EvidenceDeps } from './index';
import { EVIDENCE_MTIME, LINEAR, NOW, OLD_LINK, STALE_ROLLOUT, staleHome, treeHash } from './test-fixture';

const env = (home: string, platform: NodeJS.Platform = 'linux'): Env => ({ home, platform });

function deps(home: string, extra: Partial<EvidenceDeps> = {}): EvidenceDeps {
  return { fs: createNodeFs({ noSync: true }), clock: { now: () => NOW }, codexHome: home, env: env(path.dirname(home)), ...extra };
}

const bySource = (list: AuthFailure[], kind: AuthFailure["kind"]) => list.filter((f) => f.kind === kind);

test('stale-link: each source yields its auth failures', async () => {
  const { home } = staleHome();
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.deepEqual(problems, []);
  const rollout = bySource(failures, 'rollout');
  assert.deepEqual(
    rollout.map((f) => [f.at, f.connectorId, f.linkId, f.source]),
    [
      ['2026-05-27T18:02:13.412Z', LINEAR, OLD_LINK, STALE_ROLLOUT],
      ['2026-05-27T18:05:40.020Z', LINEAR, OLD_LINK, STALE_ROLLOUT],
    ],
  );
  assert.match(rollout[0]!.text, /linear_get_issue: .*Reauthentication required.*reauthentication_required/);
  const db = bySource(failures, 'log-db');
  assert.deepEqual(db.map((f) => [f.at, f.connectorId, f.linkId, f.source]), [['2026-05-27T18:02:13.414Z', LINEAR, null, 'logs_2.sqlite']]);
  const tui = bySource(failures, 'tui-log');
  assert.deepEqual(
    tui.map((f) => [f.at, f.connectorId, f.linkId]),
    [
      ['2026-05-27T18:02:13.414Z', LINEAR, null],
      ['2026-05-27T18:02:41.775Z', null, null],
    ],
  );
  assert.ok(failures.every((f) => f.text.length <= 300));
});

test('a scan changes nothing in CODEX_HOME (log DB read from a copy)', async () => {
  const { home, root } = staleHome();
  const before = treeHash(home);
  const names = fs.readdirSync(home).sort();
  await createEvidenceScanner(deps(home, { stateDir: path.join(root, 'state') })).scan();
  assert.equal(treeHash(home), before);
  assert.deepEqual(fs.readdirSync(home).sort(), names);
});

test('compressed rollout (.jsonl.zst) gives the same failures', async () => {
  const { home } = staleHome();
  const plain = path.join(home, STALE_ROLLOUT);
  fs.writeFileSync(plain + '.zst', zlib.zstdCompressSync(fs.readFileSync(plain)));
  fs.utimesSync(plain + '.zst', EVIDENCE_MTIME, EVIDENCE_MTIME);
  fs.rmSync(plain);
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.deepEqual(problems, []);
  const rollout = bySource(failures, 'rollout');
  assert.equal(rollout.length, 2);
  assert.ok(rollout.every((f) => f.source === STALE_ROLLOUT + '.zst' && f.linkId === OLD_LINK));
});

test('a .jsonl.zst that is not zstd is reported and skipped', async () => {
  const { home } = staleHome();
  const bogus = path.join(home, 'sessions/2026/05/27/rollout-2026-05-27T19-00-00-bogus.jsonl.zst');
  fs.writeFileSync(bogus, 'this is plain text, not zstd\n');
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /rollout-2026-05-27T19-00-00-bogus\.jsonl\.zst: skipped \(not readable as zstd/);
  assert.equal(bySource(failures, 'rollout').length, 2);
});

test('garbage, truncated and foreign lines are skipped with a reason', async () => {
  const { home } = staleHome();
  const file = path.join(home, STALE_ROLLOUT);
  fs.appendFileSync(file, '{"type":"event_msg","payload":{"server":"codex_apps"\n\u0000\u0001 codex_apps garbage\n{"type":"world_state","payload":{"codex_apps":1}}\n');
  fs.appendFileSync(file, '{"timestamp":"2026-05-27T18:09:00Z","type":"event_msg","payload":{"type":"mcp_tool_call_end","invocation":{"server":"codex_apps"'); // torn last line
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'rollout').length, 2);
  assert.deepEqual(problems, [`${STALE_ROLLOUT}: 2 unreadable line(s) skipped`]);
});

test('non-auth errors (500, timeout) and other MCP servers are not auth failures', async () => {
  const { home } = staleHome();
  const line = (server: string, text: string) =>
    JSON.stringify({ timestamp: '2026-05-27T18:10:00Z', type: 'event_msg', payload: { type: 'mcp_tool_call_end', invocation: { server, tool: 't' }, connector_id: LINEAR, link_id: OLD_LINK, result: { Err: text } } });
  fs.appendFileSync(path.join(home, STALE_ROLLOUT), [line('codex_apps', 'Server returned 500: internal error'), line('codex_apps', 'request timed out after 30s (ENG-401)'), line('linear_mcp', '401 Unauthorized')].join('\n') + '\n');
  const { failures } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'rollout').length, 2);
});

test('a transport Err with a 401 is an auth failure', async () => {
  const { home } = staleHome();
  const rec = { timestamp: '2026-05-27T18:10:00Z', type: 'event_msg', payload: { type: 'mcp_tool_call_end', invocation: { server: 'codex_apps', tool: 'linear_get_issue' }, connector_id: LINEAR, link_id: OLD_LINK, result: { Err: 'tool call error: Transport("401 Unauthorized: Reauthentication required")' } } };
  fs.appendFileSync(path.join(home, STALE_ROLLOUT), JSON.stringify(rec) + '\n');
  const { failures } = await createEvidenceScanner(deps(home)).scan();
  const last = bySource(failures, 'rollout').at(-1)!;
  assert.equal(last.at, '2026-05-27T18:10:00.000Z');
  assert.equal(last.linkId, OLD_LINK);
});

test('a huge single line is skipped without buffering it; later lines still count', async () => {
  const { home } = staleHome();
  const file = path.join(home, STALE_ROLLOUT);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const huge = `{"codex_apps":"${'x'.repeat(9 * 1024 * 1024)}"}`;
  fs.writeFileSync(file, [lines[0], huge, ...lines.slice(1)].join('\n'));
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'rollout').length, 2);
  assert.deepEqual(problems, [`${STALE_ROLLOUT}: 1 over-long line(s) skipped`]);
});

test('files outside the look-back window are skipped', async () => {
  const { home } = staleHome();
  const later = new Date(NOW.getTime() + 30 * 86_400_000);
  const cold = await createEvidenceScanner(deps(home, { clock: { now: () => later } })).scan();
  assert.deepEqual(cold.failures, []);
  const wide = await createEvidenceScanner(deps(home, { clock: { now: () => later }, lookbackDays: 60 })).scan();
  assert.equal(wide.failures.length, 5);
});

test('a FIFO named like a rollout never blocks the scan', { skip: process.platform === 'win32' ? 'no FIFOs' : false }, async () => {
  const { home } = staleHome();
  const { execFileSync } = await import('node:child_process');
  execFileSync('mkfifo', [path.join(home, 'sessions/2026/05/27/rollout-fifo.jsonl')]);
  const { failures } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'rollout').length, 2);
});

test('log DB: a corrupt database is reported, the rest still scanned', async () => {
  const { home } = staleHome();
  fs.writeFileSync(path.join(home, 'logs_2.sqlite'), Buffer.from('SQLite format 3\u0000' + 'garbage'.repeat(200)));
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'log-db').length, 0);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^logs_2\.sqlite: log database unavailable \(.+\)$/);
  assert.equal(bySource(failures, 'rollout').length, 2);
});

test('log DB: read while Codex holds an exclusive lock, without touching it', async () => {
  const { home } = staleHome();
  const live = new DatabaseSync(path.join(home, 'logs_2.sqlite'));
  try {
    live.exec('BEGIN EXCLUSIVE');
    const before = treeHash(home);
    const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
    assert.deepEqual(problems, []);
    assert.equal(bySource(failures, 'log-db').length, 1);
    assert.equal(treeHash(home), before);
  } finally {
    live.exec('ROLLBACK');
    live.close();
  }
});

test('log DB in WAL mode: rows still in the WAL are found; the live files are not changed', async () => {
  const { home } = staleHome();
  const file = path.join(home, 'logs_2.sqlite');
  const live = new DatabaseSync(file);
  try {
    live.exec('PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;');
    live.prepare('INSERT INTO logs (ts, ts_nanos, level, target, feedback_log_body) VALUES (?, 0, ?, ?, ?)').run(
      1779905000,
      'INFO',
      'codex_core::mcp_tool_call',
      `mcp.tools.call{mcp.server.name=codex_apps mcp.connector.id=${LINEAR}}: tool result isError=true text=401 Unauthorized`,
    );
    assert.ok(fs.statSync(file + '-wal').size > 0);
    const before = treeHash(home);
    const { failures } = await createEvidenceScanner(deps(home)).scan();
    assert.deepEqual(bySource(failures, 'log-db').map((f) => f.at), ['2026-05-27T18:02:13.414Z', '2026-05-27T18:03:20.000Z']);
    assert.equal(treeHash(home), before);
  } finally {
    live.close();
  }
});

test('TUI log lines in an unknown format are skipped with a reason', async () => {
  const { home } = staleHome();
  fs.appendFileSync(path.join(home, 'log/codex-tui.log'), `[18:20] mcp.tools.call connector ${LINEAR}: Reauthentication required\nrandom noise line\n`);
  const { failures, problems } = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(failures, 'tui-log').length, 2);
  assert.deepEqual(problems, ['log/codex-tui.log: 1 line(s) in an unknown format skipped']);
});

test('macOS Desktop logs: an elicitation asking to reconnect counts as an auth failure', async () => {
  const { home, root } = staleHome();
  const dir = path.join(root, 'Library/Logs/com.openai.codex/2026/05/27');
  fs.mkdirSync(dir, { recursive: true });
  const rpc = { method: 'mcpServer/elicitation/request', params: { serverName: 'codex_apps', mode: 'url', message: 'Reconnect Linear on ChatGPT to restore access for this request.', url: `https://chatgpt.com/apps/linear/${LINEAR}` } };
  fs.writeFileSync(path.join(dir, 'codex-desktop.log'), `2026-05-27 18:04:00.123Z info [app-server] <- ${JSON.stringify(rpc)}\nunrelated\n`);
  fs.utimesSync(path.join(dir, 'codex-desktop.log'), EVIDENCE_MTIME, EVIDENCE_MTIME);
  const mac = await createEvidenceScanner(deps(home, { env: env(root, 'darwin') })).scan();
  const desk = bySource(mac.failures, 'desktop-log');
  assert.deepEqual(desk.map((f) => [f.at, f.connectorId, f.source]), [['2026-05-27T18:04:00.123Z', LINEAR, '~/Library/Logs/com.openai.codex/2026/05/27/codex-desktop.log']]);
  const linux = await createEvidenceScanner(deps(home, { env: env(root, 'linux') })).scan();
  assert.equal(bySource(linux.failures, 'desktop-log').length, 0);
});

test('a rollout compressed between listing and opening is read under its new name', async () => {
  const { home } = staleHome();
  const plain = path.join(home, STALE_ROLLOUT);
  const base = createNodeFs({ noSync: true });
  let moved = false;
  const racing = {
    ...base,
    open: (async (p: string, ...rest: unknown[]) => {
      if (p === plain && !moved) {
        // Codex compresses the idle rollout right now (rollout/src/compression.rs).
        moved = true;
        fs.writeFileSync(plain + '.zst', zlib.zstdCompressSync(fs.readFileSync(plain)));
        fs.utimesSync(plain + '.zst', EVIDENCE_MTIME, EVIDENCE_MTIME);
        fs.rmSync(plain);
      }
      return (base.open as (...a: unknown[]) => Promise<unknown>)(p, ...rest);
    }) as typeof base.open,
  };
  const { failures, problems } = await createEvidenceScanner(deps(home, { fs: racing })).scan();
  assert.ok(moved);
  assert.deepEqual(problems, []);
  assert.deepEqual(bySource(failures, 'rollout').map((f) => f.source), [STALE_ROLLOUT + '.zst', STALE_ROLLOUT + '.zst']);
});

test('an unreadable rollout and an unwritable state folder are reported, never thrown', async () => {
  const { home, root } = staleHome();
  const plain = path.join(home, STALE_ROLLOUT);
  const { createFaultFs } = await import('../testing/fault-fs');
  const faulty = createFaultFs(createNodeFs({ noSync: true }), {
    match: (c) => (c.method === 'open' && c.paths[0] === plain) || (c.method === 'mkdir' && c.paths[0]!.endsWith('state')),
    failAt: 1,
    persistent: true,
    code: 'EACCES',
  });
  const { failures, problems } = await createEvidenceScanner(deps(home, { fs: faulty.fs, stateDir: path.join(root, 'state') })).scan();
  assert.deepEqual(problems, [`${STALE_ROLLOUT}: skipped (EACCES)`, 'could not save evidence cursors (EACCES)']);
  assert.equal(bySource(failures, 'rollout').length, 0);
  assert.equal(bySource(failures, 'tui-log').length, 2);
});

test('log DB under CODEX_SQLITE_HOME (which moves only the databases) is found there', async () => {
  const { home, root } = staleHome();
  const sqliteHome = path.join(root, 'sqlite');
  fs.mkdirSync(sqliteHome);
  fs.renameSync(path.join(home, 'logs_2.sqlite'), path.join(sqliteHome, 'logs_2.sqlite'));
  const t = EVIDENCE_MTIME;
  fs.utimesSync(path.join(sqliteHome, 'logs_2.sqlite'), t, t);
  const without = await createEvidenceScanner(deps(home)).scan();
  assert.equal(bySource(without.failures, 'log-db').length, 0, 'not in CODEX_HOME any more');
  const withVar = await createEvidenceScanner(deps(home, { env: { ...env(root), CODEX_SQLITE_HOME: sqliteHome } })).scan();
  assert.deepEqual(bySource(withVar.failures, 'log-db').map((f) => [f.connectorId, f.source]), [[LINEAR, '../sqlite/logs_2.sqlite']]);
});
