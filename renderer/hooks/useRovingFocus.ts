/**
 * Arrow-key movement between the items of a list (WAI-ARIA roving tabindex).
 *
 * Items carry `data-roving`; exactly one has tabIndex 0, so Tab enters the list once and the
 * buttons inside each item stay reachable by Tab.
 */
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const KEYS: Record<string, 'next' | 'prev' | 'first' | 'last'> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'prev',
  ArrowLeft: 'prev',
  Home: 'first',
  End: 'last',
};

/** Returns a ref for the container and its keydown handler. */
export function useRovingFocus<T extends HTMLElement>(deps: unknown): {
  ref: RefObject<T | null>;
  onKeyDown: (e: KeyboardEvent<T>) => void;
} {
  const ref = useRef<T | null>(null);
  const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>('[data-roving]') ?? []);

  useEffect(() => {
    const all = items();
    if (all.length === 0 || all.some((el) => el.tabIndex === 0)) return;
    all.forEach((el, i) => (el.tabIndex = i === 0 ? 0 : -1));
  }, [deps]);

  const onKeyDown = useCallback((e: KeyboardEvent<T>) => {
    const move = KEYS[e.key];
    const all = items();
    const target = e.target as HTMLElement;
    const i = all.indexOf(target);
    if (!move || i < 0) return; // only when an item itself has focus, not a button inside it
    e.preventDefault();
    const j = move === 'first' ? 0 : move === 'last' ? all.length - 1 : (i + (move === 'next' ? 1 : -1) + all.length) % all.length;
    all.forEach((el, k) => (el.tabIndex = k === j ? 0 : -1));
    all[j]?.focus();
  }, []);

  return { ref, onKeyDown };
}
