/**
 * Test-only: the stale-link fixture's connector rows, shared by the crash child and its suite
 * without pulling test helpers (node:test, assert) into the child bundle.
 */
import type { SnapshotConnector } from '../../../../shared/schemas';

/** Linear and Google Calendar in the stale-link fixture's account. */
export const STALE_ROWS: SnapshotConnector[] = [
  { identity: '41055d6b58a32c286fa868d17f941341a8144515', id: 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0', name: 'Linear', linkIds: ['link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'] },
  { identity: '41055d6b58a32c286fa868d17f941341a8144515', id: 'connector_9a8b7c6d5e4f30211203f4e5d6c7b8a9', name: 'Google Calendar', linkIds: ['link_2b3c4d5e6f708192a3b4c5d6e7f80910'] },
];
