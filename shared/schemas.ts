/**
 * Zod schemas for everything Relink exchanges: CLI JSON, IPC payloads and manifests.
 *
 * Pure TS: no node:*, no electron, no DOM. Each inferred type shares its schema's name.
 */
import { z } from 'zod';

/** The four cache folders under CODEX_HOME/cache that Relink reads. */
export const CACHE_KINDS = [
  'codex_apps_tools',
  'codex_apps_server_info',
  'codex_app_directory',
  'remote_plugin_catalog',
] as const;
export const CacheKind = z.enum(CACHE_KINDS);
export type CacheKind = z.infer<typeof CacheKind>;

/** State of one cache entry (codex-caches.md §10). */
export const FileState = z.enum(['ok', 'unsupported-schema', 'corrupt', 'too-large', 'not-a-file', 'unreadable']);
export type FileState = z.infer<typeof FileState>;

/** Connector health vocabulary shared by every part of Relink. */
export const Health = z.enum(['healthy', 'needs-reauth', 'unlinked', 'unknown']);
export type Health = z.infer<typeof Health>;

const IsoTime = z.iso.datetime({ offset: true });

/** One `*.json` entry of a cache folder, as `relink status --json` reports it. */
export const CacheFile = z.strictObject({
  kind: CacheKind,
  path: z.string(),
  identity: z.string(),
  state: FileState,
  schemaVersion: z.number().int().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  modifiedAt: IsoTime.nullable(),
  symlink: z.boolean(),
  message: z.string().nullable(),
});
export type CacheFile = z.infer<typeof CacheFile>;

/** The newest auth failure on record for a connector. */
export const AuthFailureRef = z.strictObject({
  at: IsoTime,
  linkId: z.string().nullable(),
  source: z.string(),
});
export type AuthFailureRef = z.infer<typeof AuthFailureRef>;

/** One row per (account identity, connector) with at least one tool in a tools cache. */
export const Connector = z.strictObject({
  identity: z.string(),
  id: z.string(),
  name: z.string(),
  linkIds: z.array(z.string()),
  toolCount: z.number().int().nonnegative(),
  health: Health,
  reasons: z.array(z.string()),
  installUrl: z.string().nullable(),
  accountEmail: z.string().nullable(),
  lastAuthFailure: AuthFailureRef.nullable(),
});
export type Connector = z.infer<typeof Connector>;

/** The document `relink status --json` prints and `getStatus` returns. */
export const StatusReport = z.strictObject({
  codexHome: z.string(),
  scannedAt: IsoTime,
  files: z.array(CacheFile),
  connectors: z.array(Connector),
});
export type StatusReport = z.infer<typeof StatusReport>;

/** Why a snapshot was taken. */
export const SnapshotReason = z.enum(['reset', 'reset-all', 'before-restore', 'recovered', 'manual']);
export type SnapshotReason = z.infer<typeof SnapshotReason>;

/**
 * Snapshot ids: UTC timestamp plus a short random suffix, sortable, lowercase, fixed length.
 *
 * Example: `20261124T003112123Z-3f9a1c`.
 */
export const SNAPSHOT_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;
export const SnapshotId = z.string().max(64).regex(SNAPSHOT_ID_PATTERN, 'not a snapshot id');
export type SnapshotId = z.infer<typeof SnapshotId>;

/** One file held by a snapshot. */
export const SnapshotFile = z.strictObject({
  kind: CacheKind,
  path: z.string(),
  identity: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  modifiedAt: IsoTime,
  /** mtime in nanoseconds since the epoch, as a decimal string (rule 14). */
  mtimeNs: z.string().regex(/^\d+$/).optional(),
  mode: z.number().int().nonnegative(),
  symlink: z.boolean().optional(),
});
export type SnapshotFile = z.infer<typeof SnapshotFile>;

/** A connector and the link ids it held when a snapshot was taken. */
export const SnapshotConnector = z.strictObject({
  identity: z.string(),
  id: z.string(),
  name: z.string(),
  linkIds: z.array(z.string()),
});
export type SnapshotConnector = z.infer<typeof SnapshotConnector>;

/** A committed snapshot's manifest (`backups/<id>/manifest.json`) and history entry. */
export const Snapshot = z.strictObject({
  id: SnapshotId,
  createdAt: IsoTime,
  reason: SnapshotReason,
  label: z.string().nullable(),
  connector: z.string().nullable(),
  appVersion: z.string().optional(),
  files: z.array(SnapshotFile),
  /**
   * Cache paths (relative to CODEX_HOME) that did not exist when the snapshot was taken but
   * that the operation which took it was about to create: restoring the snapshot moves them
   * aside (into a before-restore snapshot), so an undo returns exactly the earlier state.
   */
  absent: z.array(z.string()).default([]),
  connectors: z.array(SnapshotConnector),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** A path moved or written by an action, relative to CODEX_HOME. */
export const MovedFile = z.strictObject({ kind: CacheKind, path: z.string(), bytes: z.number().int().nonnegative() });
export type MovedFile = z.infer<typeof MovedFile>;

/** A cache entry an action left alone, and why. */
export const SkippedFile = z.strictObject({ path: z.string(), reason: z.string() });
export type SkippedFile = z.infer<typeof SkippedFile>;

/** What `reset` did: the snapshot it committed and the files it moved aside. */
export const ResetResult = z.strictObject({
  snapshot: Snapshot,
  moved: z.array(MovedFile),
  skipped: z.array(SkippedFile),
  codexRunning: z.boolean(),
  nextSteps: z.array(z.string()),
});
export type ResetResult = z.infer<typeof ResetResult>;

/** What `restore` did: the undo snapshot it committed first, and the files it wrote back. */
export const RestoreResult = z.strictObject({
  restoredFrom: SnapshotId,
  undo: Snapshot,
  written: z.array(MovedFile),
  removed: z.array(MovedFile),
  warnings: z.array(z.string()),
  nextSteps: z.array(z.string()),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

/** How one connector's links differ between two states. */
export const ConnectorChange = z.strictObject({
  identity: z.string(),
  id: z.string(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'same']),
  before: z.array(z.string()),
  after: z.array(z.string()),
});
export type ConnectorChange = z.infer<typeof ConnectorChange>;

/** How one cache file differs between two states. */
export const FileChange = z.strictObject({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'same']),
});
export type FileChange = z.infer<typeof FileChange>;

/** `relink diff A B`: A is the older side, B the newer (`current` = the live cache). */
export const SnapshotDiff = z.strictObject({
  from: z.string(),
  to: z.string(),
  connectors: z.array(ConnectorChange),
  files: z.array(FileChange),
});
export type SnapshotDiff = z.infer<typeof SnapshotDiff>;

/** Error codes of expected failures; lower-kebab literals. */
export const ErrorCode = z.enum([
  'bad-input',
  'not-found',
  'codex-running',
  'codex-home-missing',
  'busy',
  'disk-full',
  'permission-denied',
  'damaged',
  'unsupported',
  'untrusted-sender',
  'io-error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A failure as a value: what crosses IPC and what the CLI prints with `--json`. */
export const Failure = z.strictObject({ ok: z.literal(false), code: ErrorCode, message: z.string() });
export type Failure = z.infer<typeof Failure>;

/** `{ ok: true, value } | { ok: false, code, message }`. */
export type Result<T> = { ok: true; value: T } | Failure;

/** `relink verify`: every snapshot re-hashed; damage named per snapshot. */
export const VerifyReport = z.strictObject({
  checked: z.number().int().nonnegative(),
  ok: z.array(SnapshotId),
  damaged: z.array(z.strictObject({ id: SnapshotId, problems: z.array(z.string()) })),
  /** Snapshot folders without a committed manifest (the next change recovers them). */
  incomplete: z.array(SnapshotId),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

/** `relink prune`: what retention keeps (and why) and what it removed (or would remove). */
export const PruneReport = z.strictObject({
  dryRun: z.boolean(),
  kept: z.array(z.strictObject({ id: SnapshotId, why: z.string() })),
  removed: z.array(z.strictObject({ id: SnapshotId, bytes: z.number().int().nonnegative() })),
});
export type PruneReport = z.infer<typeof PruneReport>;

/** What startup recovery did with half-finished work. */
export const RecoveryReport = z.strictObject({
  recovered: z.array(SnapshotId),
  completed: z.array(SnapshotId),
  adoptedAsides: z.number().int().nonnegative(),
  removedTemps: z.number().int().nonnegative(),
  finishedPrunes: z.number().int().nonnegative(),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;
