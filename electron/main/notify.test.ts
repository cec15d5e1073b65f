import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connector, StatusReport } from '../../shared/schemas';
import { noticesFor } from './notify';

const row = (over: Partial<Connector>): Connector => ({
  identity: 'a'.repeat(40), id: 'connector_l', name: 'Linear', linkIds: ['link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'], toolCount: 3,
  health: 'healthy', reasons: [], installUrl: null, accountEmail: 'x@example.com', lastAuthFailure: null, ...over,
});
const status = (connectors: Connector[]): StatusReport => ({ codexHome: '/h', scannedAt: '2026-11-24T00:00:00.000Z', files: [], connectors });

test('a connector that needs reauth is announced once per broken link', () => {
  const seen = new Set<string>();
  const broken = status([row({ health: 'needs-reauth' }), row({ id: 'connector_c', name: 'Calendar' })]);
  const first = noticesFor(broken, seen);
  assert.equal(first.length, 1);
  assert.equal(first[0]!.title, 'Linear needs reconnecting');
  assert.match(first[0]!.body, /link_5e6f…9a0b/);
  assert.ok(!first[0]!.body.includes('x@example.com'), 'no e-mail in notifications');
  assert.deepEqual(noticesFor(broken, seen), [], 'not again on the next scan');
});

test('recovery forgets; a relapse or another dead link is announced again', () => {
  const seen = new Set<string>();
  noticesFor(status([row({ health: 'needs-reauth' })]), seen);
  assert.deepEqual(noticesFor(status([row({ health: 'healthy' })]), seen), []);
  assert.equal(noticesFor(status([row({ health: 'needs-reauth' })]), seen).length, 1, 'relapse');
  assert.equal(noticesFor(status([row({ health: 'needs-reauth', linkIds: ['link_other'] })]), seen).length, 1, 'another link');
});

test('hostile names are neutralized in notification text', () => {
  const [n] = noticesFor(status([row({ health: 'needs-reauth', name: 'Lin\u202eear\u0007' })]), new Set());
  assert.equal(n!.title, 'Linear needs reconnecting');
});
