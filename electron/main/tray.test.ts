import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrayController } from './tray';
import type { MenuItemSpec, TrayActions, TrayLike } from './tray';
import type { TrayState } from './tray-state';

function fakeTray() {
  const log: string[] = [];
  const on: Record<string, (e: unknown, b?: { x: number; y: number; width: number; height: number }) => void> = {};
  let contextMenu: unknown = null;
  const tray: TrayLike = {
    setImage: (p) => void log.push(`image ${p}`),
    setToolTip: (t) => void log.push(`tooltip ${t}`),
    setTitle: (t) => void log.push(`title ${t}`),
    setContextMenu: (m) => void (contextMenu = m),
    popUpContextMenu: () => void log.push('popup-menu'),
    setIgnoreDoubleClickEvents: () => void log.push('ignore-dbl'),
    getBounds: () => ({ x: 5, y: 0, width: 22, height: 24 }),
    on: (ev, fn) => (on[ev] = fn),
    destroy: () => void log.push('destroy'),
  };
  return { tray, log, on, contextMenu: () => contextMenu };
}

function actions() {
  const calls: string[] = [];
  let login = false;
  const a: TrayActions = {
    open: () => void calls.push('open'),
    toggle: (b) => void calls.push(`toggle ${b.x}`),
    refresh: () => void calls.push('refresh'),
    openBackups: () => void calls.push('backups'),
    quit: () => void calls.push('quit'),
    getLaunchAtLogin: () => login,
    setLaunchAtLogin: (on) => void ((login = on), calls.push(`login ${on}`)),
  };
  return { a, calls };
}

const ok: TrayState = { icon: 'ok', title: '', tooltip: 'Relink: all fine' };
const bad: TrayState = { icon: 'attention', title: '2', tooltip: 'Relink: 2 connectors need reconnecting' };
const iconPath = (s: TrayState) => `/icons/${s.icon}.png`;
const click = (items: MenuItemSpec[], id: string) => items.find((i) => i.id === id)!.click!();

test('macOS: icon, title count and tooltip follow the state; left click toggles, right click shows the menu', () => {
  const f = fakeTray();
  const { a, calls } = actions();
  const t = createTrayController({ createTray: () => f.tray, buildMenu: (i) => i, iconPath, platform: 'darwin', actions: a }, ok);
  t.setState(bad);
  assert.deepEqual(f.log.slice(-3), ['image /icons/attention.png', 'tooltip Relink: 2 connectors need reconnecting', 'title 2']);
  assert.ok(f.log.includes('ignore-dbl'));
  f.on.click!({}, { x: 1200, y: 0, width: 22, height: 24 });
  f.on.click!({});
  f.on['right-click']!({});
  assert.deepEqual(calls, ['toggle 1200', 'toggle 5']);
  assert.equal(f.log.at(-1), 'popup-menu');
  assert.equal(f.contextMenu(), null, 'macOS keeps left click for the popup');
});

test('menu: Open, Refresh, Open backups folder, Launch at login (checkbox), Quit, with stable ids', () => {
  const f = fakeTray();
  const { a, calls } = actions();
  const t = createTrayController({ createTray: () => f.tray, buildMenu: (i) => i, iconPath, platform: 'win32', actions: a }, ok);
  const ids = t._menuItems().map((i) => i.id);
  assert.deepEqual(ids, ['open', 'refresh', 'open-backups', 'sep-1', 'launch-at-login', 'sep-2', 'quit']);
  for (const id of ['open', 'refresh', 'open-backups', 'quit']) click(t._menuItems(), id);
  assert.equal(t._menuItems().find((i) => i.id === 'launch-at-login')!.checked, false);
  click(t._menuItems(), 'launch-at-login');
  assert.equal(t._menuItems().find((i) => i.id === 'launch-at-login')!.checked, true, 'checkbox re-rendered');
  assert.deepEqual(calls, ['open', 'refresh', 'backups', 'quit', 'login true']);
  assert.ok(!f.log.some((l) => l.startsWith('title')), 'no title outside macOS');
});

test('Linux: the menu is always attached (no login item), and destroy removes the tray', () => {
  const f = fakeTray();
  const { a } = actions();
  const t = createTrayController({ createTray: () => f.tray, buildMenu: (i) => ({ built: i.length }), iconPath, platform: 'linux', actions: a }, ok);
  assert.deepEqual(f.contextMenu(), { built: 6 });
  assert.ok(!t._menuItems().some((i) => i.id === 'launch-at-login'));
  t.destroy();
  t.setState(bad);
  assert.equal(f.log.at(-1), 'destroy');
  assert.equal(t._getTray(), null);
});
