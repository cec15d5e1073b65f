import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, describePath, formatBytes, initials, paletteSlot, plural, shortenId, shortPath } from './text';

test('cleanText strips bidi overrides, zero-width and control characters', () => {
  assert.equal(cleanText('Lin\u202Eraenil'), 'Lin raenil');
  assert.equal(cleanText('a\u200Bb\u0000c\u0085d\uFEFF'), 'a b c d');
  assert.equal(cleanText('  many \n\t spaces  '), 'many spaces');
});

test('cleanText clips to the maximum number of code points with an ellipsis', () => {
  assert.equal(cleanText('x'.repeat(100_000), 10), 'xxxxxxxxx…');
  assert.equal(Array.from(cleanText('😀'.repeat(20), 5)).length, 5);
  assert.equal(cleanText('short', 10), 'short');
  assert.equal(cleanText(null), '');
});

test('cleanText leaves markup as plain characters (rendered as text, never HTML)', () => {
  assert.equal(cleanText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
});

test('shortenId keeps the prefix, four leading and four trailing characters', () => {
  assert.equal(shortenId('link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'), 'link_5e6f…9a0b');
  assert.equal(shortenId('link_short'), 'link_short');
  assert.equal(shortenId('0123456789abcdef'), '0123…cdef');
});

test('initials takes up to two words and ignores punctuation', () => {
  assert.equal(initials('Google Calendar'), 'GC');
  assert.equal(initials('linear'), 'L');
  assert.equal(initials('Fixture Notes (Apps SDK app)'), 'FN');
  assert.equal(initials('  ***  '), '?');
  assert.equal(initials('élan vital'), 'ÉV');
});

test('paletteSlot is stable and in range', () => {
  const a = paletteSlot('connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  assert.equal(a, paletteSlot('connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0'));
  for (const id of ['a', 'b', 'zzz', '']) assert.ok(paletteSlot(id) >= 0 && paletteSlot(id) < 8);
  // Ids sharing a long prefix still spread over the palette.
  const slots = new Set(Array.from({ length: 16 }, (_, i) => paletteSlot(`connector_${i.toString(16).padStart(32, '0')}`)));
  assert.ok(slots.size >= 4, `only ${slots.size} distinct slots`);
});

test('describePath names the cache kind in words', () => {
  assert.deepEqual(describePath('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json'), { kind: 'Tool list', name: '41055d6b…' });
  assert.deepEqual(describePath('cache/remote_plugin_catalog/3ace267ea4c3cd2b.json'), { kind: 'Plugin catalog', name: '3ace267e…' });
  assert.deepEqual(describePath('cache/weird\u202Ekind/a.json'), { kind: 'weird kind', name: 'a' });
});

test('plural and shortPath', () => {
  assert.equal(plural(1, 'file'), '1 file');
  assert.equal(plural(2, 'file'), '2 files');
  assert.equal(plural(0, 'entry', 'entries'), '0 entries');
  assert.equal(
    shortPath('cache/codex_apps_tools/bdf093741cf66bf1834324022ce238d2c0d38a31.json'),
    'codex_apps_tools/bdf09374….json',
  );
});

test('formatBytes picks a unit', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(3482), '3.4 KB');
  assert.equal(formatBytes(1.25 * 1024 * 1024), '1.3 MB');
});
