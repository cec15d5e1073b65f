import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { contrastRatio } from './contrast';

test('contrastRatio matches the WCAG reference values', () => {
  assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 10) / 10, 21);
  assert.equal(contrastRatio('#777777', '#777777'), 1);
  assert.throws(() => contrastRatio('red', '#fff'));
});

/** The custom properties of the light (`:root`) and dark blocks of styles.css. */
function palettes(): Record<'light' | 'dark', Record<string, string>> {
  const css = readFileSync(path.join(__dirname, '..', 'styles.css'), 'utf8');
  const vars = (block: string) => Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
  const light = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const dark = /prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return { light: vars(light), dark: { ...vars(light), ...vars(dark) } };
}

// Text/background pairs the popup draws; small text needs 4.5:1 (WCAG 2 AA).
const PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'surface'], ['muted', 'bg'], ['muted', 'surface'], ['muted', 'surface-2'],
  ['ok', 'ok-bg'], ['warn', 'warn-bg'], ['bad', 'bad-bg'], ['accent-text', 'accent'], ['text', 'info-bg'],
];

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} palette: every text colour reaches 4.5:1 on its background`, () => {
    const p = palettes()[scheme];
    for (const [fg, bg] of PAIRS) {
      assert.ok(p[fg] && p[bg], `--${fg} and --${bg} are defined`);
      const r = contrastRatio(p[fg]!, p[bg]!);
      assert.ok(r >= 4.5, `${scheme}: --${fg} on --${bg} is ${r.toFixed(2)}:1`);
    }
  });
}
