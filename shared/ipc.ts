/**
 * The IPC surface: method names, channels and the `RelinkApi` type.
 *
 * Runtime-light on purpose (no zod): the sandboxed preload bundles this file and nothing else.
 */
import type { Failure } from './schemas';

/** Every method the renderer may call, in one tuple. */
export const RELINK_METHODS = [
  'getStatus',
  'listSnapshots',
  'resetConnector',
  'resetAll',
  'restoreSnapshot',
  'diffSnapshots',
  'labelSnapshot',
  'getCodexState',
  'quitCodex',
  'relaunchCodex',
  'openExternal',
  'hidePopup',
  'listLinkChanges',
  'reconnect',
  'getReport',
] as const;
export type RelinkMethod = (typeof RELINK_METHODS)[number];

/** The channel names of the contract (`status:get`, `reset:connector`, …). */
export const CHANNEL_NAMES: Record<RelinkMethod, string> = {
  getStatus: 'status:get',
  listSnapshots: 'snapshot:list',
  resetConnector: 'reset:connector',
  resetAll: 'reset:all',
  restoreSnapshot: 'restore',
  diffSnapshots: 'diff',
  labelSnapshot: 'label',
  getCodexState: 'codex:state',
  quitCodex: 'codex:quit',
  relaunchCodex: 'codex:relaunch',
  openExternal: 'open:external',
  hidePopup: 'popup:hide',
  listLinkChanges: 'links:list',
  reconnect: 'reconnect',
  getReport: 'report:get',
};

/** The Electron IPC channel of a method. */
export function channelOf(m: RelinkMethod): string {
  return 'relink:' + CHANNEL_NAMES[m];
}

/** Main → renderer event: the inventory changed (payload: nothing; call getStatus). */
export const CHANGED_EVENT = 'relink:status:changed';

/** What every call resolves to: a value, or an expected failure. */
export type Reply<T> = { ok: true; value: T } | Failure;
