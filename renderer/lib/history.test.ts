import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot, SnapshotDiff } from '../../shared/schemas';
import { changesFor, connectorChangeText, linkChangeText, diffSummary, heldLinks, newestFirst, restoreFileCounts, snapshotTitle } from './history';

const OLD = 'link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const NEW = 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9';

function snap(p: Partial<Snapshot>): Snapshot {
  return {
    id: '20260527T183000000Z-abcdef', createdAt: '2026-05-27T18:30:00.000Z', reason: 'reset', label: null,
    connector: 'connector_linear', files: [], absent: [],
    connectors: [{ identity: 'aa', id: 'connector_linear', name: 'Linear', linkIds: [OLD] }], ...p,
  };
}

function diff(p: Partial<SnapshotDiff>): SnapshotDiff {
  return { from: 'x', to: 'current', connectors: [], files: [], ...p };
}

test('newest snapshot first', () => {
  const a = snap({ id: '20260527T183000000Z-aaaaaa', createdAt: '2026-05-27T18:30:00.000Z' });
  const b = snap({ id: '20260528T090000000Z-bbbbbb', createdAt: '2026-05-28T09:00:00.000Z' });
  assert.deepEqual(newestFirst([a, b]).map((s) => s.id), [b.id, a.id]);
});

test('titles name the reason and the reset connector', () => {
  assert.equal(snapshotTitle(snap({})), 'Reset of Linear');
  assert.equal(snapshotTitle(snap({ reason: 'before-restore' })), 'Before a restore');
  assert.equal(snapshotTitle(snap({ reason: 'reset-all' })), 'Reset of all connectors');
  assert.equal(snapshotTitle(snap({ connector: 'connector_gone', connectors: [] })), 'Reset of connector_gone');
});

test('held links are shortened and skip connectors without links', () => {
  const s = snap({ connectors: [...snap({}).connectors, { identity: 'aa', id: 'g', name: 'Gmail', linkIds: [] }] });
  assert.deepEqual(heldLinks(s), [{ key: 'aa/connector_linear', name: 'Linear', links: ['link_5e6f…9a0b'] }]);
});

test('connector changes read old → new, and in reverse for a restore preview', () => {
  const c = { identity: 'aa', id: 'l', name: 'Linear', change: 'changed' as const, before: [OLD], after: [NEW] };
  assert.equal(connectorChangeText(c, 'since'), 'Linear: link_5e6f…9a0b → link_d4c3…b0a9');
  assert.equal(connectorChangeText(c, 'restore'), 'Linear: link_d4c3…b0a9 → link_5e6f…9a0b');
  const gone = { ...c, change: 'removed' as const, after: [] };
  assert.equal(connectorChangeText(gone, 'since'), 'Linear: link_5e6f…9a0b is gone now');
  assert.equal(connectorChangeText(gone, 'restore'), 'Linear: link_5e6f…9a0b comes back');
});

test('diff summary counts changed links and files', () => {
  assert.equal(diffSummary(diff({})), 'Same as now');
  assert.equal(
    diffSummary(diff({
      connectors: [{ identity: 'a', id: 'l', name: 'L', change: 'changed', before: [OLD], after: [NEW] }],
      files: [{ path: 'p1', change: 'changed' }, { path: 'p2', change: 'same' }, { path: 'p3', change: 'removed' }],
    })),
    'Since then: 1 link changed, 2 files differ',
  );
});

test('restore counts write back changed and removed files; moves aside only recorded-absent paths', () => {
  const d = diff({ files: [{ path: 'a', change: 'removed' }, { path: 'b', change: 'changed' }, { path: 'c', change: 'added' }, { path: 'd', change: 'added' }, { path: 'e', change: 'same' }] });
  assert.deepEqual(restoreFileCounts(d, { absent: ['c'] }), { write: 2, remove: 1 });
  assert.deepEqual(restoreFileCounts(d, { absent: [] }), { write: 2, remove: 0 });
});

test('link changes read old → new and filter by connector', () => {
  assert.equal(linkChangeText({ from: [OLD], to: [NEW] }), 'link_5e6f…9a0b → link_d4c3…b0a9');
  assert.equal(linkChangeText({ from: [], to: [NEW] }), 'no link → link_d4c3…b0a9');
  const list = [
    { identity: 'a', connectorId: 'l', n: 1 },
    { identity: 'b', connectorId: 'l', n: 2 },
    { identity: 'a', connectorId: 'g', n: 3 },
    { identity: 'a', connectorId: 'l', n: 4 },
  ];
  assert.deepEqual(changesFor(list, 'a', 'l').map((c) => c.n), [1, 4]);
});
