/** An editable snapshot label: a button that turns into a text field (Enter saves, Esc cancels). */
import { useState, type KeyboardEvent, type ReactElement } from 'react';
import type { Snapshot } from '../../shared/schemas';
import { call } from '../hooks/api';
import { describeFailure } from '../lib/failure';
import { cleanText } from '../lib/text';
import { Icon } from './Icon';

/** Matches the contract's label limit (shared/contract.ts). */
const MAX_LABEL = 200;

/** Shows the label, or "Add label"; saves through `labelSnapshot`. */
export function LabelEditor({ snapshot, onSaved }: { snapshot: Snapshot; onSaved: (s: Snapshot) => void }): ReactElement {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(snapshot.label ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = cleanText(snapshot.label, 60);

  const save = async () => {
    setSaving(true);
    const r = await call('labelSnapshot', { id: snapshot.id, label: draft.trim() });
    setSaving(false);
    if (!r.ok) return setError(describeFailure('label', r).detail);
    setError(null);
    setEditing(false);
    onSaved(r.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation(); // arrows and Esc belong to the text field here, not the list or dialog
    if (e.key === 'Enter') void save();
    if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(false);
      setDraft(snapshot.label ?? '');
      setError(null);
    }
  };

  if (!editing) {
    return (
      <button type="button" className={label ? 'label-button' : 'label-button label-button--empty'} onClick={() => setEditing(true)} aria-label={label ? `Edit label: ${label}` : 'Add label'} data-testid="label">
        <span>{label || 'Add label'}</span>
        <Icon name="edit" />
      </button>
    );
  }
  return (
    <span className="label-edit">
      <input
        className="input"
        value={draft}
        maxLength={MAX_LABEL}
        autoFocus
        disabled={saving}
        aria-label="Backup label"
        aria-invalid={error ? 'true' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => !saving && !error && setEditing(false)}
        placeholder="e.g. before switching workspace"
      />
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </span>
  );
}
