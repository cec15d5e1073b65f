import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Session, WebContents } from 'electron';
import { CSP, WEB_PREFERENCES, decideNavigation, hardenSession, hardenWebContents, isAppUrl, popupWebPreferences } from './security';

test('WEB_PREFERENCES: every security option is explicit and safe (snapshot)', () => {
  assert.deepEqual({ ...WEB_PREFERENCES }, {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: false,
  });
  assert.ok(Object.isFrozen(WEB_PREFERENCES));
  const p = popupWebPreferences('/app/dist/preload/index.js');
  assert.equal(p.preload, '/app/dist/preload/index.js');
  assert.equal(p.sandbox, true);
  assert.equal(p.contextIsolation, true);
});

test('CSP: no remote sources, no inline script, nothing to connect to', () => {
  const d = Object.fromEntries(CSP.split(';').map((s) => s.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
  assert.deepEqual(d['default-src'], ["'none'"]);
  assert.deepEqual(d['script-src'], ["'self'"]);
  assert.deepEqual(d['style-src'], ["'self'"]);
  assert.deepEqual(d['img-src'], ["'self'", 'data:'], 'remote connector logos are not loaded');
  assert.deepEqual(d['connect-src'], ["'none'"]);
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['base-uri'], ["'none'"]);
  assert.deepEqual(d['form-action'], ["'none'"]);
  assert.deepEqual(d['frame-src'], ["'none'"]);
  assert.doesNotMatch(CSP, /unsafe-|https?:|ws:|\*/);
});

test('the renderer page carries the same CSP in its meta tag', (t) => {
  const html = path.join(__dirname, '../../renderer/index.html');
  if (!fs.existsSync(html)) return t.skip('renderer/index.html not written yet');
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(fs.readFileSync(html, 'utf8'));
  assert.ok(m, 'meta CSP present');
  assert.equal(m[1]!.replace(/;\s*$/, ''), CSP.split('; ').filter((x) => !x.startsWith('frame-ancestors')).join('; '));
});

test('decideNavigation denies everything; allow-listed ChatGPT links go to the browser', () => {
  assert.deepEqual(decideNavigation('https://chatgpt.com/apps'), { action: 'open-external', url: 'https://chatgpt.com/apps' });
  for (const url of ['app://relink/index.html', 'https://evil.example/', 'http://chatgpt.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank', '']) {
    assert.deepEqual(decideNavigation(url), { action: 'deny' }, url);
  }
  assert.equal(isAppUrl('app://relink/x'), true);
  assert.equal(isAppUrl('app://relink.evil/x'), false);
  assert.equal(isAppUrl('app://user@relink/x'), false);
  assert.equal(isAppUrl('not a url'), false);
});

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}
const event = (url: string) => {
  const e = { url, prevented: false, preventDefault() { e.prevented = true; } };
  return e;
};

test('hardenWebContents prevents navigation, redirects and webviews and denies window.open', () => {
  const wc = new FakeContents();
  const opened: string[] = [];
  hardenWebContents(wc as unknown as WebContents, (u) => opened.push(u));
  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
    const e = event('https://evil.example/');
    wc.emit(name, e);
    assert.equal(e.prevented, true, name);
  }
  const link = event('https://chatgpt.com/apps/linear');
  wc.emit('will-navigate', link);
  assert.equal(link.prevented, true);
  assert.deepEqual(wc.openHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(wc.openHandler!({ url: 'https://chatgpt.com/x' }), { action: 'deny' });
  assert.deepEqual(opened, ['https://chatgpt.com/apps/linear', 'https://chatgpt.com/x']);
});

test('hardenSession denies every permission request and check', () => {
  const got: Record<string, unknown> = {};
  const session = {
    setPermissionRequestHandler: (h: unknown) => (got.request = h),
    setPermissionCheckHandler: (h: unknown) => (got.check = h),
    setDevicePermissionHandler: (h: unknown) => (got.device = h),
  };
  hardenSession(session as unknown as Session);
  const answers: boolean[] = [];
  for (const perm of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
    (got.request as (w: unknown, p: string, cb: (g: boolean) => void) => void)({}, perm, (g) => answers.push(g));
  }
  assert.deepEqual(answers, [false, false, false, false, false]);
  assert.equal((got.check as () => boolean)(), false);
  assert.equal((got.device as () => boolean)(), false);
});
