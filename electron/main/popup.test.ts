import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPopupController } from './popup';
import type { PopupScreen, PopupWindow } from './popup';

function fakeWindow() {
  const log: string[] = [];
  let visible = false;
  let destroyed = false;
  const listeners: Record<string, () => void> = {};
  const win: PopupWindow & { blur(): void; destroy(): void } = {
    isDestroyed: () => destroyed,
    isVisible: () => visible,
    show: () => (log.push('show'), (visible = true)),
    hide: () => (log.push('hide'), (visible = false)),
    focus: () => void log.push('focus'),
    getSize: () => [360, 520],
    setPosition: (x, y) => void log.push(`at ${x},${y}`),
    on: (ev, fn) => (listeners[ev] = fn),
    blur: () => listeners.blur?.(),
    destroy: () => (destroyed = true),
  };
  return { win, log };
}

const screen: PopupScreen = {
  getCursorScreenPoint: () => ({ x: 2100, y: 10 }),
  getAllDisplays: () => [
    { bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } },
    { bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, workArea: { x: 1440, y: 25, width: 1920, height: 1055 } },
  ],
};
const tray = { x: 1200, y: 0, width: 22, height: 24 };

test('toggle shows under the tray on the right display, then hides', () => {
  const { win, log } = fakeWindow();
  let t = 0;
  const p = createPopupController({ window: win, screen, platform: 'darwin', now: () => t });
  p.toggle(tray);
  assert.deepEqual(log, ['at 1031,25', 'show', 'focus']);
  t = 1000;
  p.toggle(tray);
  assert.equal(p.isVisible(), false);
});

test('a zero tray rect reuses the last good bounds; without any it follows the cursor display', () => {
  const { win, log } = fakeWindow();
  const p = createPopupController({ window: win, screen, platform: 'darwin', now: () => 0 });
  p.show({ x: 0, y: 0, width: 0, height: 0 });
  assert.equal(log[0], 'at 1920,25', 'cursor on the second display');
  p.hide();
  p.show(tray);
  p.hide();
  log.length = 0;
  p.show({ x: 0, y: 0, width: 0, height: 0 });
  assert.equal(log[0], 'at 1031,25');
});

test('blur hides; the tray click that caused the blur does not reopen it', () => {
  const { win, log } = fakeWindow();
  let t = 0;
  const p = createPopupController({ window: win, screen, platform: 'darwin', now: () => t });
  p.show(tray);
  t = 5000;
  win.blur();
  assert.equal(p.isVisible(), false);
  t = 5100;
  p.toggle(tray);
  assert.equal(p.isVisible(), false, 'same gesture');
  t = 6000;
  p.toggle(tray);
  assert.equal(p.isVisible(), true, 'a later click opens it');
  assert.equal(log.filter((l) => l === 'show').length, 2);
});

test('a destroyed window is left alone', () => {
  const { win, log } = fakeWindow();
  const p = createPopupController({ window: win, screen, platform: 'linux', now: () => 0 });
  win.destroy();
  p.toggle(tray);
  p.show(tray);
  p.hide();
  win.blur();
  assert.deepEqual(log, []);
  assert.equal(p.isVisible(), false);
});
