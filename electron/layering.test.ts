/**
 * The layering rules of the house style (style.md §2), checked on every source file's imports.
 * Type-only imports are free; tests and test helpers may use node:* anywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !p.includes(`${path.sep}testing${path.sep}`) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out;
}

/** Runtime (non-type-only) import specifiers of a file. */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    if (m[1]) continue;
    specs.push((m[2] ?? m[3] ?? m[4] ?? m[5])!);
  }
  return specs;
}

function check(dir: string, banned: (spec: string, file: string) => boolean) {
  const offenders: string[] = [];
  for (const f of sources(dir)) for (const s of runtimeImports(f)) if (banned(s, f)) offenders.push(`${path.relative(root, f)} imports ${s}`);
  return offenders;
}

const resolvesInto = (file: string, spec: string, top: string) =>
  spec.startsWith('.') && path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0] === top;

test('shared/ is pure TS: no node:*, electron, React or DOM-side modules', () => {
  assert.deepEqual(check('shared', (s, f) => s.startsWith('node:') || s === 'electron' || s.startsWith('react') || resolvesInto(f, s, 'electron') || resolvesInto(f, s, 'renderer')), []);
});

test('electron/core never imports electron or the renderer', () => {
  assert.deepEqual(check('electron/core', (s, f) => s === 'electron' || s.startsWith('electron/') || resolvesInto(f, s, 'renderer')), []);
});

test('electron/cli never imports electron', () => {
  assert.deepEqual(check('electron/cli', (s) => s === 'electron'), []);
});

test('the renderer imports no node:*, electron or electron/* code', () => {
  assert.deepEqual(check('renderer', (s, f) => s.startsWith('node:') || s === 'electron' || resolvesInto(f, s, 'electron')), []);
});

test('the preload imports only electron and shared/ipc', () => {
  assert.deepEqual(check('electron/preload', (s) => s !== 'electron' && !/shared\/ipc$/.test(s)), []);
});

test('only electron/main and electron/preload import electron at run time', () => {
  const all = ['shared', 'electron/core', 'electron/cli', 'renderer', 'e2e', 'bench'].flatMap((d) => check(d, (s) => s === 'electron'));
  assert.deepEqual(all, []);
});
