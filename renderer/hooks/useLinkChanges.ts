/** Link drift on record (`listLinkChanges`), reloaded with every status version. */
import { useEffect, useState } from 'react';
import type { LinkChange } from '../../shared/evidence';
import { call, hasMethod } from './api';

/** Newest first; `null` while loading, when the backend lacks the method, or on failure. */
export function useLinkChanges(version: number): LinkChange[] | null {
  const [list, setList] = useState<LinkChange[] | null>(null);
  useEffect(() => {
    if (!hasMethod('listLinkChanges')) return;
    let live = true;
    void call('listLinkChanges').then((r) => {
      if (live) setList(r.ok ? r.value : null);
    });
    return () => {
      live = false;
    };
  }, [version]);
  return list;
}
