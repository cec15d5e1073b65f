/**
 * Static rules for the renderer (style.md §2 and §4, reliability.md §7 case 72–73): the CSP
 * meta matches main's header policy, cache text never reaches an HTML sink, and the renderer
 * imports nothing from Node or Electron.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CSP } from '../electron/main/security';

const HERE = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
  });
}

function metaCsp(html: string): string | null {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return m ? m[1]! : null;
}

// frame-ancestors is ignored in a meta tag; main sends it as a header (reliability.md §7 case 73).
const EXPECTED = CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');

test('index.html carries the strict CSP meta, equal to main’s policy', () => {
  assert.equal(metaCsp(readFileSync(path.join(HERE, 'index.html'), 'utf8')), EXPECTED);
});

test('the built index.html keeps the CSP meta and loads only local scripts', (t) => {
  const built = path.join(HERE, '..', 'dist', 'renderer', 'index.html');
  if (!existsSync(built)) return t.skip('dist/renderer not built (npm run build:renderer)');
  const html = readFileSync(built, 'utf8');
  assert.equal(metaCsp(html), EXPECTED);
  for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) assert.match(m[1]!, /^(\.\/|data:)/, `non-local URL ${m[1]}`);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
});

test('no HTML sinks, eval or remote images in renderer sources', () => {
  const banned = /dangerouslySetInnerHTML|\.innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|<img\b/;
  for (const file of sources(HERE)) assert.doesNotMatch(readFileSync(file, 'utf8'), banned, path.relative(HERE, file));
});

test('renderer code imports neither node:* nor electron', () => {
  const bad = /from\s+['"](node:[^'"]+|electron(\/[^'"]*)?|\.\.\/\.\.\/electron\/[^'"]*|\.\.\/electron\/[^'"]*)['"]/;
  for (const file of sources(HERE)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*import\s+type\b/.test(line)) continue; // type-only imports are erased
      assert.doesNotMatch(line, bad, `${path.relative(HERE, file)}: ${line.trim()}`);
    }
  }
});
