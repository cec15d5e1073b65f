/** An initials avatar: remote connector logos are never loaded (style.md §4). */
import type { ReactElement } from 'react';
import { initials, paletteSlot } from '../lib/text';

/** A coloured circle with one or two initials. */
export function Avatar({ id, name }: { id: string; name: string }): ReactElement {
  return (
    <span className={`avatar avatar--${paletteSlot(id)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
