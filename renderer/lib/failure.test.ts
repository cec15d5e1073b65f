import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure } from './failure';

test('a failed reset says nothing moved and how to go on', () => {
  const t = describeFailure('reset', { ok: false, code: 'disk-full', message: 'Disk full: 12 KB needed' });
  assert.equal(t.title, 'Reset failed');
  assert.equal(t.detail, 'Disk full: 12 KB needed Nothing was moved: your cache files are as they were.');
  assert.match(t.next, /Free some disk space/);
});

test('unknown codes still get a way forward, hostile messages are neutralized', () => {
  const t = describeFailure('restore', { ok: false, code: 'internal', message: 'boom\u202Eevil' });
  assert.equal(t.title, 'Restore failed');
  assert.ok(t.detail.startsWith('boom evil'));
  assert.match(t.next, /relink status/);
});

test('label failures keep the old label', () => {
  assert.match(describeFailure('label', { ok: false, code: 'not-found', message: 'x' }).detail, /old label/);
});
