/**
 * Wording for failed actions: what happened, what is left as it was, what to do next.
 */
import type { Failure } from '../../shared/schemas';
import { cleanText } from './text';

/** The three parts of a failure message. */
export interface FailureText {
  title: string;
  detail: string;
  next: string;
}

const NEXT: Partial<Record<Failure['code'], string>> = {
  'disk-full': 'Free some disk space, then try again.',
  'permission-denied': 'Check that your user can write to the Codex folder and Relink’s backup folder.',
  busy: 'Another Relink action is still running. Try again in a moment.',
  'not-found': 'The list was out of date; it has been refreshed.',
  damaged: 'This backup failed its integrity check; pick another one.',
  unsupported: 'This file was written by a Codex version Relink does not support; it is shown read-only.',
  'codex-home-missing': 'Start Codex once so it creates its folder, or set CODEX_HOME.',
  'codex-running': 'Quit Codex, then try again.',
  'bad-input': 'Relink refused the request. Refresh and try again.',
};

/**
 * Describes a failed action. The backend commits nothing on failure (reliability.md §2), so
 * every failure of a reset or restore leaves the cache files as they were.
 */
export function describeFailure(action: 'reset' | 'restore' | 'undo' | 'label', f: Failure): FailureText {
  const verb = { reset: 'Reset', restore: 'Restore', undo: 'Undo', label: 'Renaming the backup' }[action];
  const left = action === 'label' ? 'The backup keeps its old label.' : 'Nothing was moved: your cache files are as they were.';
  return {
    title: `${verb} failed`,
    detail: `${cleanText(f.message, 240) || 'An unexpected error happened.'} ${left}`,
    next: NEXT[f.code] ?? 'Try again; if it keeps failing, run `relink status` in a terminal for details.',
  };
}
