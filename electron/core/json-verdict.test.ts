import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeJson, MAX_CONTAINERS, SERDE_MAX_DEPTH } from './json-verdict';

const enc = (s: string) => new TextEncoder().encode(s);
const reason = (bytes: Uint8Array) => {
  const v = judgeJson(bytes);
  return v.ok ? null : v.reason;
};

test('valid JSON parses', () => {
  const v = judgeJson(enc('{"schema_version": 4, "tools": []}'));
  assert.deepEqual(v, { ok: true, value: { schema_version: 4, tools: [] } });
});

test('BOM, invalid UTF-8, empty and whitespace are refused with a reason', () => {
  assert.match(reason(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{}')]))!, /byte-order mark/);
  assert.match(reason(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))!, /UTF-8/);
  assert.match(reason(enc(''))!, /empty/);
  assert.match(reason(enc(' \n\t'))!, /empty/);
});

test('every truncation of a valid document is refused, only the full one passes', () => {
  const full = '{"schema_version": 1, "connectors": [{"id": "a\\"b", "name": "x"}]}';
  for (let i = 0; i < full.length; i++) assert.notEqual(reason(enc(full.slice(0, i))), null, `prefix ${i}`);
  assert.equal(reason(enc(full)), null);
});

test('depth is limited like serde_json, iteratively, for 100k levels too', () => {
  const ok = '['.repeat(SERDE_MAX_DEPTH) + ']'.repeat(SERDE_MAX_DEPTH);
  assert.equal(reason(enc(ok)), null);
  const deep = '['.repeat(SERDE_MAX_DEPTH + 1) + ']'.repeat(SERDE_MAX_DEPTH + 1);
  assert.match(reason(enc(deep))!, /nested deeper/);
  const bomb = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
  assert.match(reason(enc(bomb))!, /nested deeper/);
});

test('brackets inside strings do not count as nesting', () => {
  const s = JSON.stringify({ k: '['.repeat(1000) });
  assert.equal(reason(enc(s)), null);
});

test('lone surrogate escapes are refused; pairs and escaped backslashes are fine', () => {
  assert.match(reason(enc('{"a": "\\ud800"}'))!, /surrogate/);
  assert.match(reason(enc('{"a": "\\udc00x"}'))!, /surrogate/);
  assert.equal(reason(enc('{"a": "\\ud83d\\ude00"}')), null);
  assert.equal(reason(enc('{"a": "\\\\ud800"}')), null);
});

test('duplicate top-level keys are refused (serde rejects duplicate fields); nested ones are not', () => {
  assert.match(reason(enc('{"schema_version": 4, "tools": [], "schema_version": 1}'))!, /twice/);
  assert.equal(reason(enc('{"a": {"x": 1, "x": 2}, "b": 1}')), null);
});

test('__proto__ keys parse as own keys and never touch Object.prototype', () => {
  const v = judgeJson(enc('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"p": 2}}}'));
  assert.equal(v.ok, true);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).p, undefined);
});

test('a file of millions of tiny objects is refused before parsing, as a Relink limit', () => {
  const bomb = enc('[' + Array(MAX_CONTAINERS + 1).fill('{}').join(',') + ']');
  const v = judgeJson(bomb);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.relinkLimit, true);
  assert.match(!v.ok ? v.reason : '', /more than/);
  const fine = enc('[' + Array(1000).fill('{}').join(',') + ']');
  assert.equal(judgeJson(fine).ok, true);
});
