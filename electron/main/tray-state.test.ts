import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connector, Health, StatusReport } from '../../shared/schemas';
import { trayIconFile, trayStateOf } from './tray-state';

const connector = (id: string, health: Health): Connector => ({
  identity: 'abc',
  id,
  name: id,
  linkIds: [],
  toolCount: 1,
  health,
  reasons: [],
  installUrl: null,
  accountEmail: null,
  lastAuthFailure: null,
});
const report = (healths: Health[], badFiles = 0): { ok: true; value: StatusReport } => ({
  ok: true,
  value: {
    codexHome: '/h',
    scannedAt: '2026-11-24T00:00:00Z',
    connectors: healths.map((h, i) => connector('c' + i, h)),
    files: Array.from({ length: badFiles }, () => ({
      kind: 'codex_apps_tools' as const,
      path: 'cache/codex_apps_tools/x.json',
      identity: 'x',
      state: 'corrupt' as const,
      schemaVersion: null,
      bytes: 3,
      modifiedAt: null,
      symlink: false,
      message: 'truncated',
    })),
  },
});

test('worst health wins: needs-reauth shows attention and a count', () => {
  assert.deepEqual(trayStateOf(report(['healthy', 'needs-reauth', 'unknown', 'needs-reauth'])), {
    icon: 'attention',
    title: '2',
    tooltip: 'Relink: 2 connectors need reconnecting',
  });
  assert.equal(trayStateOf(report(['needs-reauth'])).tooltip, 'Relink: 1 connector needs reconnecting');
});

test('unknown health or unreadable files show the unknown icon without a count', () => {
  assert.deepEqual(trayStateOf(report(['healthy', 'unknown'])), { icon: 'unknown', title: '', tooltip: 'Relink: 1 connector of unknown health' });
  assert.deepEqual(trayStateOf(report(['healthy'], 2)), { icon: 'unknown', title: '', tooltip: 'Relink: 2 cache files Relink cannot read' });
});

test('healthy and unlinked connectors are ok', () => {
  assert.deepEqual(trayStateOf(report(['healthy', 'unlinked', 'healthy'])), {
    icon: 'ok',
    title: '',
    tooltip: 'Relink: 3 connectors, none needs reconnecting',
  });
  assert.equal(trayStateOf(report([])).tooltip, 'Relink: no connector caches yet');
});

test('no scan yet and failed scans are unknown', () => {
  assert.equal(trayStateOf(null).icon, 'unknown');
  assert.deepEqual(trayStateOf({ ok: false, code: 'codex-home-missing', message: 'x' }), { icon: 'unknown', title: '', tooltip: 'Relink: Codex home not found' });
  assert.equal(trayStateOf({ ok: false, code: 'internal', message: 'x' }).tooltip, 'Relink: could not read the Codex caches');
});

test('icon files: Template on macOS, light/dark elsewhere', () => {
  assert.equal(trayIconFile('attention', 'darwin', true), 'tray-attentionTemplate.png');
  assert.equal(trayIconFile('ok', 'win32', true), 'tray-ok-dark.png');
  assert.equal(trayIconFile('unknown', 'linux', false), 'tray-unknown-light.png');
});
