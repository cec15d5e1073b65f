import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StatusReport } from '../../shared/schemas';
import { createRelinkApi, codexState, processControlPort } from './api';
import type { ApiDeps, BackendContext, StorePort } from './api';
import { createDispatcher } from './dispatch';
import { createNodeFs } from './fs-facade';
import { GCAL, LINEAR, NOW, staleHome } from './evidence/test-fixture';

const clock = { now: () => new Date('2026-11-24T00:00:00Z') };

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-api-'));
  temps.push(dir);
  return dir;
}

function tempHome(): string {
  const dir = tempDir();
  fs.cpSync(path.join(__dirname, '../../e2e/fixtures/codex-home/healthy'), dir, { recursive: true });
  return dir;
}

function deps(over: Partial<ApiDeps> = {}): ApiDeps & { opened: string[] } {
  const opened: string[] = [];
  return {
    fs: createNodeFs({ noSync: true }),
    clock,
    env: { home: os.tmpdir(), platform: 'linux' },
    codexHome: '/nonexistent/relink-test-home',
    probe: { list: async () => [] },
    openExternal: async (url) => void opened.push(url),
    appVersion: '0.1.0',
    opened,
    ...over,
  };
}

const report = (home: string): StatusReport => ({ codexHome: home, scannedAt: clock.now().toISOString(), files: [], connectors: [] });

test('getStatus: a missing CODEX_HOME is a codex-home-missing failure, re-checked on each call', async () => {
  const parent = tempDir();
  const home = path.join(parent, 'later');
  const scans: string[] = [];
  const api = createRelinkApi(deps({
    codexHome: home,
    backends: { createScanner: (c) => ({ scan: async () => (scans.push(c.codexHome), report(c.codexHome)) }) },
  }));
  const r1 = await api.getStatus(undefined);
  assert.ok(!r1.ok && r1.code === 'codex-home-missing' && r1.message.includes('does not exist'));
  fs.mkdirSync(home);
  const r2 = await api.getStatus(undefined);
  assert.ok(r2.ok);
  assert.equal(r2.value.codexHome, fs.realpathSync(home));
  assert.deepEqual(scans, [fs.realpathSync(home)]);
});

test('a backend switched off answers unsupported instead of throwing', async () => {
  const api = createRelinkApi(deps({ codexHome: tempHome(), backends: { createScanner: undefined, openStore: undefined } }));
  for (const r of [await api.getStatus(undefined), await api.listSnapshots(undefined), await api.resetAll({}), await api.quitCodex(undefined)]) {
    assert.ok(!r.ok && r.code === 'unsupported' && /not available yet/.test(r.message), JSON.stringify(r));
  }
});

test('the store is opened once with the resolved home, recovered before first use, and each call is forwarded', async () => {
  const home = tempHome();
  const seen: string[] = [];
  let ctxSeen: BackendContext | null = null;
  let recoverOk = false;
  const store: StorePort = {
    recover: async () => (seen.push('recover'), recoverOk ? { ok: true, value: null } : { ok: false, code: 'damaged', message: 'journal unreadable' }),
    list: async () => (seen.push('list'), { ok: true, value: [] }),
    resetConnector: async (a) => (seen.push('reset ' + a.connectorId), { ok: false, code: 'codex-running', message: 'Quit Codex first' }),
    resetAll: async () => (seen.push('resetAll'), { ok: false, code: 'busy', message: 'x' }),
    restore: async (a) => (seen.push('restore ' + a.id), { ok: false, code: 'not-found', message: 'x' }),
    diff: async () => (seen.push('diff'), { ok: false, code: 'not-found', message: 'x' }),
    label: async () => (seen.push('label'), { ok: false, code: 'not-found', message: 'x' }),
  };
  let opens = 0;
  const api = createRelinkApi(deps({
    codexHome: home,
    storeDir: path.join(home, 'store'),
    backends: { openStore: (c) => ((ctxSeen = c), (opens += 1), store), createScanner: (c) => ({ scan: async () => report(c.codexHome) }) },
  }));
  const first = await api.listSnapshots(undefined);
  assert.ok(!first.ok && first.code === 'damaged', 'a failed recovery is reported');
  recoverOk = true;
  assert.ok((await api.listSnapshots(undefined)).ok);
  const reset = await api.resetConnector({ connectorId: 'connector_1' });
  assert.ok(!reset.ok && reset.code === 'codex-running');
  await api.restoreSnapshot({ id: '20261124T003112123Z-3f9a1c' });
  assert.deepEqual(seen, ['recover', 'recover', 'list', 'reset connector_1', 'restore 20261124T003112123Z-3f9a1c']);
  assert.equal(opens, 1);
  assert.equal(ctxSeen!.codexHome, fs.realpathSync(home));
  assert.equal(ctxSeen!.storeDir, path.join(home, 'store'));
  const inv = await ctxSeen!.inventory();
  assert.equal(inv.codexHome, fs.realpathSync(home), 'the store gets the read model as its inventory');
});

test('openExternal passes only allow-listed URLs to the OS', async () => {
  const d = deps();
  const api = createRelinkApi(d);
  const ok = await api.openExternal({ url: 'https://chatgpt.com/apps/linear' });
  assert.deepEqual(ok, { ok: true, value: { opened: true } });
  for (const url of ['http://chatgpt.com/', 'https://chatgpt.com.evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
    const r = await api.openExternal({ url });
    assert.ok(!r.ok && r.code === 'bad-input', url);
  }
  assert.deepEqual(d.opened, ['https://chatgpt.com/apps/linear']);
});

test('getCodexState summarises the probe; quit and relaunch use process control when given', async () => {
  const calls: string[] = [];
  const api = createRelinkApi(deps({
    probe: { list: async () => [{ pid: 7, name: 'Codex', kind: 'desktop' }, { pid: 9, name: 'codex', kind: 'app-server' }] },
    processControl: {
      quit: async () => (calls.push('quit'), { ok: true, value: { done: true, message: 'Codex quit' } }),
      relaunch: async () => (calls.push('relaunch'), { ok: true, value: { done: true, message: 'Codex started' } }),
    },
  }));
  assert.deepEqual(await api.getCodexState(undefined), {
    ok: true,
    value: { running: true, desktopRunning: true, processes: [{ pid: 7, name: 'Codex' }, { pid: 9, name: 'codex' }] },
  });
  assert.ok((await api.quitCodex(undefined)).ok);
  assert.ok((await api.relaunchCodex(undefined)).ok);
  assert.deepEqual(calls, ['quit', 'relaunch']);
  assert.deepEqual(codexState([]), { running: false, desktopRunning: false, processes: [] });
});

test('the default read model scans a real fixture home through the dispatcher', async () => {
  const home = tempHome();
  const dispatch = createDispatcher(createRelinkApi(deps({ codexHome: home })));
  const r = await dispatch('getStatus', undefined);
  assert.ok(r.ok, JSON.stringify(r));
  const value = r.value as StatusReport;
  assert.equal(value.codexHome, fs.realpathSync(home));
  assert.ok(value.connectors.length > 0);
  assert.ok(value.connectors.some((c) => c.linkIds.some((l) => l.startsWith('link_'))));
  assert.ok(value.files.every((f) => f.state === 'ok'));
});

test('hidePopup hides through main when wired and is a harmless no-op otherwise', async () => {
  let hides = 0;
  assert.deepEqual(await createRelinkApi(deps({ hidePopup: () => void hides++ })).hidePopup(undefined), { ok: true, value: { hidden: true } });
  assert.deepEqual(await createRelinkApi(deps()).hidePopup(undefined), { ok: true, value: { hidden: false } });
  assert.equal(hides, 1);
});

/** Every file under `dir/cache`, relative, with its bytes as hex. */
function cacheBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(path.join(dir, 'cache'), { recursive: true }) as string[]) {
    const abs = path.join(dir, 'cache', rel);
    if (fs.statSync(abs).isFile()) out[rel] = fs.readFileSync(abs).toString('hex');
  }
  return out;
}

test('real store: reset one connector, see it in history, restore it byte-for-byte, through the dispatcher', async () => {
  const home = tempHome();
  const storeDir = path.join(tempDir(), 'store');
  const before = cacheBytes(home);
  const dispatch = createDispatcher(createRelinkApi(deps({ codexHome: home, storeDir })));
  const status = await dispatch('getStatus', undefined);
  assert.ok(status.ok);
  const target = (status.value as StatusReport).connectors[0]!;

  const reset = await dispatch('resetConnector', { connectorId: target.id, identity: target.identity });
  assert.ok(reset.ok, JSON.stringify(reset));
  const moved = (reset.value as { moved: { path: string }[] }).moved;
  assert.ok(moved.length > 0);
  for (const m of moved) assert.ok(!fs.existsSync(path.join(home, m.path)), `${m.path} moved aside`);

  const list = await dispatch('listSnapshots', undefined);
  assert.ok(list.ok);
  const snaps = list.value as { id: string; reason: string }[];
  assert.equal(snaps.length, 1);
  assert.equal(snaps[0]!.reason, 'reset');

  const restored = await dispatch('restoreSnapshot', { id: snaps[0]!.id });
  assert.ok(restored.ok, JSON.stringify(restored));
  assert.deepEqual(cacheBytes(home), before);
  const traversal = await dispatch('restoreSnapshot', { id: '../../etc' });
  assert.ok(!traversal.ok && traversal.code === 'bad-input');
});

test('default read model includes Codex evidence: stale-link Linear needs reauth; cursors live in the store', async () => {
  const { home, root } = staleHome();
  temps.push(root);
  const storeDir = path.join(root, 'store');
  const api = createRelinkApi(deps({ codexHome: home, storeDir, clock: { now: () => NOW } }));
  const r = await api.getStatus(undefined);
  assert.ok(r.ok);
  const linear = r.value.connectors.find((c) => c.id === LINEAR);
  assert.equal(linear?.health, 'needs-reauth');
  assert.equal(r.value.connectors.find((c) => c.id === GCAL)?.health, 'healthy');
  assert.ok(fs.existsSync(path.join(storeDir, 'state')), 'incremental evidence state in the store');
  const again = await api.getStatus(undefined);
  assert.ok(again.ok && again.value.connectors.find((c) => c.id === LINEAR)?.health === 'needs-reauth', 'incremental rescan keeps the verdict');
});

test('processControlPort adapts the ladder: quit reports whether Codex ran, failures pass through', async () => {
  const calls: string[] = [];
  const port = processControlPort({
    hasDesktop: true,
    quitDesktop: async () => (calls.push('quit'), { ok: true, value: { wasRunning: calls.length === 1 } }),
    launchDesktop: async () => (calls.push('launch'), { ok: false, code: 'io-error', message: 'open failed (exit 1)' }),
    openUrl: async () => ({ ok: true, value: null }),
  });
  const api = createRelinkApi(deps({ processControl: port }));
  assert.deepEqual(await api.quitCodex(undefined), { ok: true, value: { done: true, message: 'Codex quit' } });
  assert.deepEqual(await api.quitCodex(undefined), { ok: true, value: { done: true, message: 'Codex was not running' } });
  assert.deepEqual(await api.relaunchCodex(undefined), { ok: false, code: 'io-error', message: 'open failed (exit 1)' });
  assert.deepEqual(calls, ['quit', 'quit', 'launch']);
});
