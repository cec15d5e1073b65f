/**
 * The sandboxed preload: exposes `window.relink`, one named function per contract method plus
 * `onChanged`. Bundled to one CJS file; imports only `shared/ipc.ts` (toolchain.md §5).
 *
 * No raw `ipcRenderer` reaches the page, and listeners never receive the IpcRendererEvent
 * (which would hand the page `event.sender`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer } from 'electron';
import { CHANGED_EVENT, RELINK_METHODS, channelOf } from '../../shared/ipc';

/** Builds the object exposed as `window.relink`. */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): Record<string, unknown> {
  const bridge: Record<string, unknown> = {};
  for (const m of RELINK_METHODS) {
    const channel = channelOf(m);
    bridge[m] = (input?: unknown) => ipc.invoke(channel, input);
  }
  bridge.onChanged = (cb: unknown) => {
    if (typeof cb !== 'function') throw new TypeError('onChanged needs a function');
    const listener = () => void (cb as () => void)();
    ipc.on(CHANGED_EVENT, listener);
    return () => void ipc.removeListener(CHANGED_EVENT, listener);
  };
  return Object.freeze(bridge);
}

contextBridge.exposeInMainWorld('relink', buildBridge(ipcRenderer));
