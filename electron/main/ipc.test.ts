import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcMain, WebContents } from 'electron';
import { CHANGED_EVENT, RELINK_METHODS, channelOf } from '../../shared/ipc';
import { bindIpc, createSenderCheck, sendChanged, UNTRUSTED } from './ipc';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  const removed: string[] = [];
  const ipc = {
    handle: (ch: string, h: Handler) => {
      if (handlers.has(ch)) throw new Error(`second handler for ${ch}`);
      handlers.set(ch, h);
    },
    removeHandler: (ch: string) => {
      removed.push(ch);
      handlers.delete(ch);
    },
  };
  return { ipc: ipc as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, handlers, removed };
}

function popup(url = 'app://relink/index.html') {
  const mainFrame = { url, parent: null, processId: 4, routingId: 1 };
  const sent: string[] = [];
  const wc = { mainFrame, isDestroyed: () => false, send: (ch: string) => sent.push(ch) };
  return { wc, mainFrame, sent };
}

test('every method gets exactly one channel; rebinding replaces, unbinding removes', async () => {
  const { ipc, handlers } = fakeIpc();
  const unbind = bindIpc(ipc, async () => ({ ok: true, value: 1 }), () => true);
  assert.deepEqual([...handlers.keys()].sort(), RELINK_METHODS.map(channelOf).sort());
  bindIpc(ipc, async () => ({ ok: true, value: 2 }), () => true);
  assert.deepEqual(await handlers.get(channelOf('getStatus'))!({}, undefined), { ok: true, value: 2 });
  unbind();
  assert.equal(handlers.size, 0);
});

test('trusted messages reach the dispatcher with method and raw payload', async () => {
  const { ipc, handlers } = fakeIpc();
  const seen: unknown[] = [];
  const p = popup();
  bindIpc(ipc, async (m, raw) => (seen.push([m, raw]), { ok: true, value: null }), createSenderCheck(() => p.wc as unknown as WebContents));
  const r = await handlers.get(channelOf('resetConnector'))!({ sender: p.wc, senderFrame: p.mainFrame }, { connectorId: 'x' }, 'extra');
  assert.deepEqual(r, { ok: true, value: null });
  assert.deepEqual(seen, [['resetConnector', { connectorId: 'x' }]]);
});

test('foreign senders are refused and never reach the dispatcher', async () => {
  const { ipc, handlers } = fakeIpc();
  let calls = 0;
  const p = popup();
  const other = popup();
  let current: unknown = p.wc;
  bindIpc(ipc, async () => (calls++, { ok: true, value: null }), createSenderCheck(() => current as WebContents));
  const h = handlers.get(channelOf('restoreSnapshot'))!;
  const events = [
    { sender: other.wc, senderFrame: other.mainFrame },
    { sender: p.wc, senderFrame: null },
    { sender: p.wc, senderFrame: { ...p.mainFrame, parent: p.mainFrame, routingId: 7 } },
    { sender: p.wc, senderFrame: { ...p.mainFrame, routingId: 9 } },
    { sender: p.wc, senderFrame: { ...p.mainFrame, url: 'https://evil.example/' } },
    { sender: p.wc, senderFrame: { ...p.mainFrame, url: 'file:///tmp/x.html' } },
    { sender: p.wc, senderFrame: { ...p.mainFrame, url: 'app://relink.evil/' } },
    { sender: p.wc, get senderFrame(): never { throw new Error('Render frame was disposed'); } },
  ];
  for (const e of events) assert.deepEqual(await h(e, { id: '20261124T003112123Z-3f9a1c' }), UNTRUSTED);
  current = null;
  assert.deepEqual(await h({ sender: p.wc, senderFrame: p.mainFrame }, undefined), UNTRUSTED, 'no popup yet');
  current = { ...p.wc, isDestroyed: () => true };
  assert.deepEqual(await h({ sender: current, senderFrame: p.mainFrame }, undefined), UNTRUSTED, 'destroyed popup');
  assert.equal(calls, 0);
});

test('sendChanged notifies a live popup only', () => {
  const p = popup();
  sendChanged(p.wc as unknown as WebContents);
  sendChanged(null);
  sendChanged({ ...p.wc, isDestroyed: () => true } as unknown as WebContents);
  assert.deepEqual(p.sent, [CHANGED_EVENT]);
});
