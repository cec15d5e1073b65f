/**
 * `window.relink`: the API the preload (or the e2e harness) exposes to the popup.
 *
 * Every method resolves to a `Reply` value (never throws for expected failures). Optional:
 * the popup shows a clear message when the bridge is missing instead of crashing.
 */
import type { RelinkBridge } from '../shared/contract';

declare global {
  interface Window {
    readonly relink?: RelinkBridge;
  }
}
