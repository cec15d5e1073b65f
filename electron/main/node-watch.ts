/**
 * The production `WatchDir`: `fs.watch` on one folder, non-persistent (never keeps the app alive).
 */
import { watch } from 'node:fs';
import type { WatchDir } from '../core/watcher';

/** Watches `dir` with `fs.watch`; throws synchronously when the folder is missing. */
export const nodeWatchDir: WatchDir = (dir, onEvent, onError) => {
  const w = watch(dir, { persistent: false }, (_type, name) => onEvent(name === null ? null : String(name)));
  w.on('error', () => {
    w.close();
    onError();
  });
  return { close: () => w.close() };
};
