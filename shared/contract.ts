/**
 * Input and output schemas of every IPC method. A method without schemas fails to compile.
 */
import { z } from 'zod';
import type { RelinkMethod, Reply } from './ipc';
import { LadderResult, LinkChange, Report } from './evidence';
import { ResetResult, RestoreResult, Snapshot, SnapshotDiff, SnapshotId, StatusReport } from './schemas';

const NoInput = z.union([z.undefined(), z.null(), z.strictObject({})]);
const ConnectorIdInput = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'not a connector id');
const IdentityInput = z.string().min(1).max(128).regex(/^[0-9a-f]+$/, 'not an identity');
const Label = z.string().max(200);

/** What Relink knows about running Codex processes. */
export const CodexState = z.strictObject({
  running: z.boolean(),
  desktopRunning: z.boolean(),
  processes: z.array(z.strictObject({ pid: z.number().int(), name: z.string() })),
});
export type CodexState = z.infer<typeof CodexState>;

/** Outcome of quit / relaunch requests. */
export const ProcessActionResult = z.strictObject({ done: z.boolean(), message: z.string() });
export type ProcessActionResult = z.infer<typeof ProcessActionResult>;

/** The schemas of every method. */
export const CONTRACT = {
  getStatus: { input: NoInput, output: StatusReport },
  listSnapshots: { input: NoInput, output: z.array(Snapshot) },
  resetConnector: {
    input: z.strictObject({
      connectorId: ConnectorIdInput,
      identity: IdentityInput.optional(),
      label: Label.optional(),
      force: z.boolean().optional(),
    }),
    output: ResetResult,
  },
  resetAll: { input: z.strictObject({ label: Label.optional(), force: z.boolean().optional() }), output: ResetResult },
  restoreSnapshot: { input: z.strictObject({ id: SnapshotId, force: z.boolean().optional() }), output: RestoreResult },
  diffSnapshots: {
    input: z.strictObject({ from: SnapshotId, to: z.union([SnapshotId, z.literal('current')]) }),
    output: SnapshotDiff,
  },
  labelSnapshot: { input: z.strictObject({ id: SnapshotId, label: Label }), output: Snapshot },
  getCodexState: { input: NoInput, output: CodexState },
  quitCodex: { input: NoInput, output: ProcessActionResult },
  relaunchCodex: { input: NoInput, output: ProcessActionResult },
  openExternal: { input: z.strictObject({ url: z.string().max(2048) }), output: z.strictObject({ opened: z.boolean() }) },
  /** Esc at the popup's top level (nothing else handled it): hide the window. No-op outside Electron. */
  hidePopup: { input: NoInput, output: z.strictObject({ hidden: z.boolean() }) },
  /** Link drift on record, newest first ("link changed at T: old → new"). */
  listLinkChanges: { input: NoInput, output: z.array(LinkChange) },
  /**
   * Walks the recovery ladder for one connector. `allowQuit` is the user's answer to "quit
   * Codex Desktop?", asked before the call: without it the ladder stops before quitting.
   */
  reconnect: {
    input: z.strictObject({ connectorId: ConnectorIdInput, identity: IdentityInput.optional(), allowQuit: z.boolean(), force: z.boolean().optional() }),
    output: LadderResult,
  },
  /** A redacted report for a bug tracker (`reveal` keeps full ids and e-mails). */
  getReport: {
    input: z.strictObject({ connectorId: ConnectorIdInput, identity: IdentityInput.optional(), reveal: z.boolean().optional() }),
    output: z.strictObject({ markdown: z.string(), report: Report }),
  },
} satisfies Record<RelinkMethod, { input: z.ZodType; output: z.ZodType }>;

/** The parsed input of a method (what the api receives after validation). */
export type MethodInput<M extends RelinkMethod> = z.output<(typeof CONTRACT)[M]['input']>;
/** The raw input a caller passes (before defaults and transforms). */
export type MethodRawInput<M extends RelinkMethod> = z.input<(typeof CONTRACT)[M]['input']>;
/** The value a method answers with on success. */
export type MethodOutput<M extends RelinkMethod> = z.output<(typeof CONTRACT)[M]['output']>;

/**
 * The typed API every backend (Electron IPC, e2e harness) implements.
 *
 * Expected failures are values (`{ ok: false, code, message }`), never throws (style.md §3).
 */
export type RelinkApi = {
  [M in RelinkMethod]: (input: MethodInput<M>) => Promise<Reply<MethodOutput<M>>>;
};

/** `window.relink` as the renderer sees it: one function per method, plus the change event. */
export type RelinkBridge = {
  [M in RelinkMethod]: undefined extends MethodRawInput<M>
    ? (input?: MethodRawInput<M>) => Promise<Reply<MethodOutput<M>>>
    : (input: MethodRawInput<M>) => Promise<Reply<MethodOutput<M>>>;
} & {
  /** Calls `cb` whenever the inventory changed; returns an unsubscribe function. */
  onChanged(cb: () => void): () => void;
};
