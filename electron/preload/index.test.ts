import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANGED_EVENT, RELINK_METHODS, channelOf } from '../../shared/ipc';

/** A fake `electron` for the preload: records what is exposed and what is invoked. */
function installFakeElectron() {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const fake = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: args[0] }),
      on: (ch: string, fn: (...a: unknown[]) => void) => void (listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch)!).add(fn),
      removeListener: (ch: string, fn: (...a: unknown[]) => void) => void listeners.get(ch)?.delete(fn),
    },
  };
  const id = require.resolve('electron');
  require.cache[id] = { id, filename: id, loaded: true, exports: fake } as unknown as NodeJS.Module;
  const emit = (ch: string, ...args: unknown[]) => listeners.get(ch)?.forEach((fn) => fn(...args));
  return { exposed, invoked, listeners, emit };
}

test('window.relink exposes exactly the contract methods plus onChanged, nothing raw', async () => {
  const f = installFakeElectron();
  await import('./index');
  assert.deepEqual(Object.keys(f.exposed), ['relink']);
  const relink = f.exposed.relink as Record<string, (...a: unknown[]) => unknown>;
  assert.deepEqual(Object.keys(relink).sort(), [...RELINK_METHODS, 'onChanged'].sort());
  assert.ok(Object.isFrozen(relink));
  for (const v of Object.values(relink)) assert.equal(typeof v, 'function');

  for (const m of RELINK_METHODS) await relink[m]!({ probe: m });
  assert.deepEqual(f.invoked, RELINK_METHODS.map((m) => [channelOf(m), { probe: m }]));

  const got: unknown[][] = [];
  const off = relink.onChanged!((...args: unknown[]) => got.push(args)) as () => void;
  f.emit(CHANGED_EVENT, { sender: 'secret ipc event' }, 'extra');
  assert.deepEqual(got, [[]], 'the callback never sees the IpcRendererEvent');
  off();
  f.emit(CHANGED_EVENT, {});
  assert.equal(got.length, 1, 'unsubscribed');
  assert.equal(f.listeners.get(CHANGED_EVENT)?.size, 0);
  assert.throws(() => relink.onChanged!('not a function'), /needs a function/);
});
