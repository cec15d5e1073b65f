import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const configFile = path.join(root, 'build/electron-builder.json');
const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../.ci/check-builder-config.cjs') as { check(file: string): Promise<unknown> };

test('builder config passes electron-builder schema validation; a typo fails it', async (t) => {
  await check(configFile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-builder-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ ...config, $schema: undefined, linux: { ...config.linux, categroy: 'Development' } }));
  await assert.rejects(check(bad), /Invalid configuration object/);
});

test('release fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption and asar integrity on', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('macOS: menu-bar only (LSUIElement), hardened runtime, minimal entitlements', () => {
  assert.equal(config.mac.extendInfo.LSUIElement, true);
  assert.equal(config.mac.hardenedRuntime, true);
  assert.equal(config.asar, true);
  assert.equal(config.npmRebuild, false);
  const plist = fs.readFileSync(path.join(root, config.mac.entitlementsInherit), 'utf8');
  const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
  assert.deepEqual(keys, ['com.apple.security.cs.allow-jit']);
  assert.ok(!config.files.some((f: string) => /^(electron|shared|renderer)\//.test(f)), 'sources are not shipped');
});

test('stub packaging + asar smoke: the packaged app holds the bundles, icons, and boots main and preload', (t) => {
  if (!fs.existsSync(path.join(root, 'dist/main/index.js')) || !fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
    return t.skip('dist/ not built (run npm run build first)');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-pack-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const stub = path.join(tmp, 'stub-electron');
  execFileSync('sh', [path.join(root, '.ci/stub-electron-dist.sh'), stub]);
  execFileSync(process.execPath, [path.join(root, '.ci/package-stub.cjs'), stub, path.join(tmp, 'release')], { cwd: root, stdio: 'pipe' });
  const resources = path.join(tmp, 'release/linux-unpacked/resources');
  assert.ok(fs.existsSync(path.join(resources, 'app.asar')));
  const out = execFileSync(process.execPath, [path.join(root, '.ci/smoke-asar.cjs'), resources], { cwd: root, encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  assert.deepEqual(r.problems, []);
  assert.ok(r.channels.includes('relink:status:get'));
  assert.ok(r.exposed.includes('relink'));
});
