/**
 * Words for the recovery ladder (`reconnect`): the five rungs and their outcomes.
 */
import type { LadderOutcome, LadderStepName } from '../../shared/evidence';

/** What each rung does, in the order the ladder walks them. */
export const STEP_LABEL: Record<LadderStepName, string> = {
  'soft-refresh': 'Ask Codex to refetch the apps',
  'quit-desktop': 'Quit Codex Desktop',
  reset: 'Back up and reset the cache',
  relaunch: 'Relaunch Codex and wait for the new cache',
  'reconnect-in-chatgpt': 'Reconnect in ChatGPT',
};

/** Short outcome words for the step list. */
export const OUTCOME_LABEL: Record<LadderOutcome, string> = {
  ok: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  'needs-confirmation': 'Needs your OK',
};

/** True when a run stopped only because quitting Codex Desktop was not allowed. */
export function needsQuitConsent(steps: readonly { step: LadderStepName; outcome: LadderOutcome }[]): boolean {
  return steps.some((s) => s.step === 'quit-desktop' && s.outcome === 'needs-confirmation');
}
