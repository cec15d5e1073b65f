import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RelinkApi } from '../../shared/contract';
import { RELINK_METHODS } from '../../shared/ipc';
import type { Snapshot } from '../../shared/schemas';
import { createDispatcher, sanitize } from './dispatch';

const SNAP_ID = '20261124T003112123Z-3f9a1c';
const snapshot: Snapshot = {
  id: SNAP_ID,
  createdAt: '2026-11-24T00:31:12.123Z',
  reason: 'reset',
  label: null,
  connector: null,
  files: [],
  absent: [],
  connectors: [],
};

/** An api whose every method records its input and answers `answer(method)`. */
function recordingApi(answer: (m: string, input: unknown) => Promise<unknown> | unknown = () => ({ ok: true, value: {} })) {
  const calls: { m: string; input: unknown }[] = [];
  const api = Object.fromEntries(
    RELINK_METHODS.map((m) => [m, async (input: unknown) => {
      calls.push({ m, input });
      return answer(m, input);
    }]),
  ) as unknown as RelinkApi;
  return { api, calls };
}

test('unknown and prototype method names are refused without calling the api', async () => {
  const { api, calls } = recordingApi();
  const d = createDispatcher(api);
  for (const m of ['nope', '__proto__', 'constructor', 'toString', '', 'getStatus '] as const) {
    const r = await d(m, undefined);
    assert.equal(r.ok, false, m);
    assert.equal(!r.ok && r.code, 'bad-input');
  }
  assert.equal(calls.length, 0);
});

test('bad payloads are refused with bad-input before the api runs', async () => {
  const { api, calls } = recordingApi();
  const d = createDispatcher(api);
  const bad: [string, unknown][] = [
    ['resetConnector', { connectorId: 42 }],
    ['resetConnector', { connectorId: '../../etc/passwd' }],
    ['resetConnector', { connectorId: 'x', extra: true }],
    ['resetConnector', 'connector_1'],
    ['restoreSnapshot', { id: '../20261124T003112123Z-3f9a1c' }],
    ['restoreSnapshot', { id: '20261124T003112123Z-3f9a1c/../../x' }],
    ['diffSnapshots', { from: SNAP_ID, to: 'yesterday' }],
    ['labelSnapshot', { id: SNAP_ID, label: 'x'.repeat(201) }],
    ['openExternal', { url: 'x'.repeat(3000) }],
    ['getStatus', { please: true }],
    ['resetConnector', { connectorId: 'x'.repeat(1_000_000) }],
  ];
  for (const [m, raw] of bad) {
    const r = await d(m, raw);
    assert.equal(r.ok, false, `${m} ${JSON.stringify(raw).slice(0, 60)}`);
    assert.equal(!r.ok && r.code, 'bad-input');
    assert.ok(!r.ok && r.message.length < 400 && !r.message.includes('\n'));
  }
  assert.equal(calls.length, 0);
});

test('deep and huge payloads are refused before zod', async () => {
  const { api, calls } = recordingApi();
  const d = createDispatcher(api);
  let deep: unknown = {};
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const r1 = await d('getStatus', deep);
  assert.ok(!r1.ok && /deeper than 64/.test(r1.message));
  const wide = { connectorId: 'a', label: Array.from({ length: 20_000 }, () => 'abcdef') };
  const r2 = await d('resetConnector', wide);
  assert.ok(!r2.ok && /larger than/.test(r2.message));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const r3 = await d('getStatus', cyclic);
  assert.ok(!r3.ok && r3.code === 'bad-input');
  assert.equal(calls.length, 0);
});

test('valid input reaches the api parsed, and the answer is checked against the contract', async () => {
  const { api, calls } = recordingApi((m) =>
    m === 'labelSnapshot' ? { ok: true, value: { ...snapshot, label: 'mine', absent: undefined } } : { ok: true, value: { wrong: 1 } },
  );
  const d = createDispatcher(api);
  const r = await d('labelSnapshot', { id: SNAP_ID, label: 'mine' });
  assert.deepEqual(calls, [{ m: 'labelSnapshot', input: { id: SNAP_ID, label: 'mine' } }]);
  assert.ok(r.ok);
  assert.deepEqual((r.value as Snapshot).absent, [], 'output defaults applied');
  const bad = await d('listSnapshots', undefined);
  assert.ok(!bad.ok && bad.code === 'internal');
  const unchecked = await createDispatcher(api, { validateOutput: false })('listSnapshots', null);
  assert.deepEqual(unchecked, { ok: true, value: { wrong: 1 } });
});

test('expected failures pass through; unknown codes and non-results become internal', async () => {
  const answers: Record<string, unknown> = {
    getStatus: { ok: false, code: 'codex-home-missing', message: 'Codex home /x does not exist' },
    listSnapshots: { ok: false, code: 'teapot', message: 'nope' },
    getCodexState: undefined,
    quitCodex: { ok: 'yes' },
  };
  const { api } = recordingApi((m) => answers[m]);
  const d = createDispatcher(api);
  assert.deepEqual(await d('getStatus', undefined), answers.getStatus);
  assert.deepEqual(await d('listSnapshots', undefined), { ok: false, code: 'internal', message: 'nope' });
  assert.equal((await d('getCodexState', undefined)).ok, false);
  const q = await d('quitCodex', undefined);
  assert.ok(!q.ok && q.code === 'internal');
});

test('thrown errors become one-line internal failures without stacks or absolute paths', async () => {
  const { api } = recordingApi(() => {
    const e = new Error("EACCES: permission denied, open '/home/alice/.codex/cache/x.json'\n    at foo (/app/dist/main.js:1:2)");
    throw e;
  });
  const r = await createDispatcher(api)('getStatus', undefined);
  assert.ok(!r.ok);
  assert.equal(r.code, 'internal');
  assert.ok(!r.message.includes('/home/alice'), r.message);
  assert.ok(!r.message.includes('\n'));
  assert.match(r.message, /EACCES/);
  assert.match(r.message, /x\.json/);
  assert.equal(sanitize('C:\\Users\\bob\\secret.txt failed'), '…/secret.txt failed');
});

test('a burst of 1000 restores runs strictly one at a time, in order', async () => {
  let running = 0;
  let maxRunning = 0;
  const order: number[] = [];
  const { api } = recordingApi(async (m, input) => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setImmediate(r));
    order.push(Number((input as { id: string }).id.slice(-3)));
    running -= 1;
    if (m === 'restoreSnapshot' && order.length === 500) throw new Error('boom');
    return { ok: false, code: 'not-found', message: 'no such snapshot' };
  });
  const d = createDispatcher(api);
  const ids = Array.from({ length: 1000 }, (_, i) => `20261124T003112123Z-3f9${String(i).padStart(3, '0')}`);
  const replies = await Promise.all(ids.map((id) => d('restoreSnapshot', { id })));
  assert.equal(maxRunning, 1);
  assert.deepEqual(order, ids.map((_, i) => i));
  assert.equal(replies.filter((r) => !r.ok && r.code === 'internal').length, 1, 'a throw does not stop the queue');
});

test('reads are not queued behind mutations, and an overfull queue answers busy', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { api } = recordingApi(async (m) => {
    if (m === 'resetAll') await gate;
    return m === 'getCodexState'
      ? { ok: true, value: { running: false, desktopRunning: false, processes: [] } }
      : { ok: false, code: 'busy', message: 'x' };
  });
  const d = createDispatcher(api, { maxQueued: 2 });
  const a = d('resetAll', {});
  const b = d('resetAll', {});
  assert.deepEqual(await d('resetAll', {}), {
    ok: false,
    code: 'busy',
    message: 'Relink is still working on earlier requests; try again in a moment',
  });
  assert.equal((await d('getCodexState', undefined)).ok, true);
  release();
  await Promise.all([a, b]);
});
