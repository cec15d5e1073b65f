import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LadderStepName } from '../../shared/evidence';
import { needsQuitConsent, OUTCOME_LABEL, STEP_LABEL } from './ladder';

test('every rung and outcome has words', () => {
  for (const s of LadderStepName.options) assert.ok(STEP_LABEL[s].length > 0, s);
  assert.equal(OUTCOME_LABEL['needs-confirmation'], 'Needs your OK');
});

test('a run that stopped at the quit question asks for consent', () => {
  assert.equal(needsQuitConsent([{ step: 'soft-refresh', outcome: 'skipped' }, { step: 'quit-desktop', outcome: 'needs-confirmation' }]), true);
  assert.equal(needsQuitConsent([{ step: 'quit-desktop', outcome: 'ok' }]), false);
  assert.equal(needsQuitConsent([]), false);
});
