import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from './app-protocol';
import { CSP } from './security';

function site(t: { after(fn: () => void): void }) {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-proto-'));
  t.after(() => fs.rmSync(top, { recursive: true, force: true }));
  const root = path.join(top, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Relink</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(top, 'secret.json'), '{"token":"canary"}');
  fs.writeFileSync(path.join(top, 'renderer-evil.html'), 'sibling');
  return { root, handler: createAppProtocolHandler(root, (f) => fs.promises.readFile(f)) };
}

test('serves index.html and assets with the CSP header and a content type', async (t) => {
  const { handler } = site(t);
  const index = await handler({ url: 'app://relink/', method: 'GET' });
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CSP);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await index.text(), /Relink/);
  const js = await handler({ url: 'app://relink/assets/app.js?v=1' });
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await handler({ url: 'app://relink/missing.js' })).status, 404);
  assert.equal((await handler({ url: 'app://relink/', method: 'POST' })).status, 405);
});

test('refuses traversal, encoded separators, backslashes, absolute paths and other hosts', async (t) => {
  const { root, handler } = site(t);
  const attacks = [
    'app://relink/../secret.json',
    'app://relink/assets/../../secret.json',
    'app://relink/%2e%2e/secret.json',
    'app://relink/%2E%2E%2Fsecret.json',
    'app://relink/..%2fsecret.json',
    'app://relink/..%5csecret.json',
    'app://relink/..\\secret.json',
    'app://relink//etc/passwd',
    'app://relink/%2fetc%2fpasswd',
    'app://relink/C:%5cWindows%5cwin.ini',
    'app://relink/index.html%00.png',
    'app://evil/index.html',
    'app://relink.evil/index.html',
    'file:///etc/passwd',
    'app://relink/' + 'a'.repeat(3000) + '.js',
  ];
  for (const url of attacks) {
    const r = await handler({ url });
    assert.ok(r.status >= 400, `${url} -> ${r.status}`);
    assert.equal(r.headers.get('content-security-policy'), CSP);
    assert.doesNotMatch(await r.text(), /canary/);
  }
  assert.deepEqual(resolveAppPath(root, 'app://relink/../renderer-evil.html'), { ok: false, status: 403 });
  assert.deepEqual(resolveAppPath(root, 'app://relink/%E0%A4%A'), { ok: false, status: 400 });
  assert.deepEqual(resolveAppPath(root, 'app://relink/notes.txt'), { ok: false, status: 404 }, 'unknown types are not served');
});

test('the scheme is standard and secure but never bypasses CSP', () => {
  assert.equal(APP_SCHEME_PRIVILEGES.scheme, 'app');
  assert.equal(APP_SCHEME_PRIVILEGES.privileges.bypassCSP, false);
  assert.equal(APP_SCHEME_PRIVILEGES.privileges.standard, true);
  assert.equal(APP_SCHEME_PRIVILEGES.privileges.secure, true);
});
