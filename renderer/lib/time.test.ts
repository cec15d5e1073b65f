import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFull, formatTime } from './time';

const ref = '2026-05-27T19:00:00Z';

test('formatTime shows only the time on the reference day', () => {
  assert.equal(formatTime('2026-05-27T18:02:13.412Z', ref, 'UTC'), '18:02');
});

test('formatTime shows day and month in the same year, and the year otherwise', () => {
  assert.equal(formatTime('2026-05-20T08:05:00Z', ref, 'UTC'), '20 May, 08:05');
  assert.equal(formatTime('2025-12-31T23:59:00Z', ref, 'UTC'), '31 Dec 2025');
});

test('formatTime honours the time zone', () => {
  assert.equal(formatTime('2026-05-27T18:02:00Z', '2026-05-27T12:00:00Z', 'Asia/Tokyo'), '28 May, 03:02');
  assert.equal(formatTime('2026-05-27T18:02:00Z', ref, 'Asia/Tokyo'), '03:02');
});

test('unparsable times say so instead of throwing', () => {
  assert.equal(formatTime('garbage', ref, 'UTC'), 'unknown time');
  assert.equal(formatFull('garbage', 'UTC'), 'unknown time');
});

test('formatFull prints seconds', () => {
  assert.equal(formatFull('2026-05-27T18:02:13.412Z', 'UTC'), '2026-05-27 18:02:13');
});
