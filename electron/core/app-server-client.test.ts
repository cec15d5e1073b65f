import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createNodeFs } from './fs-facade';
import { findCodexOnPath, listAppsViaAppServer } from './app-server-client';
import { GCAL, LINEAR, NEW_LINK, staleHome, STALE_TOOLS, FIXTURES } from './evidence/test-fixture';
import { FAKE_ACCOUNT, renameOnly, runtimeName, directoryName, signIn } from './testing/real-codex';

const FAKE = path.resolve(__dirname, 'testing/fake-codex.cjs');

/** A `codex` executable in a temp bin dir that runs the fake with node. */
function fakeBin(): { bin: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-fakebin-'));
  const bin = path.join(dir, 'codex');
  fs.writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  return { bin, dir };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function run(home: string, env: Record<string, string>, timeoutMs = 5000) {
  const { bin, dir } = fakeBin();
  const pidfile = path.join(dir, 'pid');
  const r = listAppsViaAppServer({ codexBin: bin, codexHome: home, clientVersion: '0.1.0', timeoutMs, childEnv: { PATH: process.env.PATH, ...env, FAKE_CODEX_PIDFILE: pidfile } });
  return { r, pid: () => Number(fs.readFileSync(pidfile, 'utf8')), dir };
}

test('handshake, app/list with forceRefetch, updates collected; the refetch rewrote the cache', async () => {
  const { home } = staleHome();
  const log = path.join(home, '..', 'rpc.log');
  const regen = path.join(FIXTURES, 'stale-link/after-regeneration', STALE_TOOLS);
  const { r, pid } = run(home, { FAKE_CODEX_LOG: log, FAKE_CODEX_REGEN_FROM: regen, FAKE_CODEX_REGEN_TO: path.join(home, STALE_TOOLS) });
  const res = await r;
  assert.ok(res.ok, JSON.stringify(res));
  assert.equal(res.value.codexHome, home);
  assert.deepEqual(res.value.apps?.map((a) => [a.id, a.isAccessible]).sort(), [[LINEAR, true], [GCAL, true]]);
  assert.equal(res.value.updated?.length, 2);
  assert.equal(res.value.listError, null);
  assert.ok(fs.readFileSync(path.join(home, STALE_TOOLS), 'utf8').includes(NEW_LINK));
  const sent = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(sent.map((m) => m.method), ['initialize', 'initialized', 'app/list']);
  assert.equal('jsonrpc' in sent[0], false);
  assert.deepEqual(sent[0].params.clientInfo, { name: 'relink', title: 'Relink', version: '0.1.0' });
  assert.deepEqual(sent[2].params, { cursor: null, limit: 100, forceRefetch: true });
  assert.equal(alive(pid()), false);
});

test('an app/list error is reported with the updates that came before it', async () => {
  const { home } = staleHome();
  const res = await run(home, { FAKE_CODEX_MODE: 'list-error' }).r;
  assert.ok(res.ok);
  assert.equal(res.value.apps, null);
  assert.equal(res.value.listError, 'failed to list apps: Failed to send request (-32603)');
  assert.equal(res.value.updated?.length, 2);
});

test('noise on stdout and server requests are tolerated; requests get an error reply', async () => {
  const { home } = staleHome();
  const log = path.join(home, '..', 'rpc.log');
  const res = await run(home, { FAKE_CODEX_MODE: 'garbage', FAKE_CODEX_LOG: log }).r;
  assert.ok(res.ok);
  const sent = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(sent.some((m) => m.id === 99 && m.error?.code === -32601));
});

test('an app-server that never answers times out and is killed (even ignoring SIGTERM)', async () => {
  const { home } = staleHome();
  const { r, pid } = run(home, { FAKE_CODEX_MODE: 'silent' }, 800);
  const res = await r;
  assert.deepEqual(res, { ok: false, code: 'io-error', message: 'codex app-server did not answer within 1 s' });
  assert.equal(alive(pid()), false);
});

test('an app-server that crashes is reported with its last stderr line', async () => {
  const { home } = staleHome();
  const res = await run(home, { FAKE_CODEX_MODE: 'crash' }).r;
  assert.equal(res.ok, false);
  assert.ok(!res.ok && res.code === 'io-error' && /exited before answering \(exit 3\): fake codex: boom/.test(res.message), JSON.stringify(res));
});

test('a missing codex binary is a not-found failure, and PATH lookup finds only executables', async () => {
  const res = await listAppsViaAppServer({ codexBin: '/nonexistent/codex', codexHome: '/tmp', clientVersion: '0', timeoutMs: 2000 });
  assert.equal(res.ok, false);
  assert.equal(!res.ok && res.code, 'not-found');
  const { dir, bin } = fakeBin();
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-path-'));
  fs.writeFileSync(path.join(other, 'codex'), 'not executable', { mode: 0o644 });
  const fsx = createNodeFs();
  assert.equal(await findCodexOnPath(fsx, { home: '/', platform: 'linux', PATH: `relative:${other}:${dir}` }), bin);
  assert.equal(await findCodexOnPath(fsx, { home: '/', platform: 'linux', PATH: other }), null);
  assert.equal(await findCodexOnPath(fsx, { home: '/', platform: 'linux' }), null);
});

const REAL = process.env.RELINK_TEST_CODEX_BIN;

test('real codex app-server: bounded session, refetch fails offline, cache left as it was', { skip: REAL ? false : 'RELINK_TEST_CODEX_BIN is not set' }, async () => {
  const { home } = staleHome();
  signIn(home);
  renameOnly(home, 'codex_apps_tools', runtimeName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId));
  renameOnly(home, 'codex_apps_server_info', runtimeName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId));
  renameOnly(home, 'codex_app_directory', directoryName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId));
  const tools = path.join(home, 'cache/codex_apps_tools', runtimeName(FAKE_ACCOUNT.accountId, FAKE_ACCOUNT.userId) + '.json');
  const before = fs.readFileSync(tools);
  const childEnv = { PATH: process.env.PATH, HOME: home, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', RUST_LOG: 'error' };
  const forced = await listAppsViaAppServer({ codexBin: REAL!, codexHome: home, clientVersion: '0.1.0', timeoutMs: 60_000, childEnv });
  assert.ok(forced.ok, JSON.stringify(forced));
  assert.equal(forced.value.codexHome, fs.realpathSync(home));
  assert.match(forced.value.listError ?? '', /failed to list apps/);
  assert.deepEqual(fs.readFileSync(tools), before);
  // Without forceRefetch Codex answers from the cache files: both linked connectors accessible.
  const cached = await listAppsViaAppServer({ codexBin: REAL!, codexHome: home, clientVersion: '0.1.0', timeoutMs: 60_000, childEnv, forceRefetch: false });
  assert.ok(cached.ok);
  const acc = Object.fromEntries((cached.value.updated ?? []).map((a) => [a.id, a.isAccessible]));
  assert.equal(acc[LINEAR], true);
  assert.equal(acc[GCAL], true);
});
