/**
 * The broker's clock as the window knows it. Countdowns must agree with the core, which decides
 * when access ends; the core's clock may differ from this computer's (and the browser host lets
 * tests move it), so the window keeps the offset learned from the core's own instants.
 */
import { useCallback, useSyncExternalStore } from 'react';

let offset = 0;
const listeners = new Set<() => void>();

export const coreNow = (): number => Date.now() + offset;

/** Tell the window what time the core said it was, just now. */
export function learnCoreTime(coreInstant: number): void {
  const next = coreInstant - Date.now();
  // Ignore jitter of a few hundred milliseconds: only real differences move the countdowns.
  if (Math.abs(next - offset) < 1000) return;
  offset = next;
  for (const listener of listeners) listener();
}

/** The core's time now, to the step (refreshed every step and whenever the offset changes). */
export function useCoreNow(stepMs: number): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      const handle = window.setInterval(notify, stepMs);
      listeners.add(notify);
      return () => {
        window.clearInterval(handle);
        listeners.delete(notify);
      };
    },
    [stepMs],
  );
  return useSyncExternalStore(subscribe, () => Math.floor(coreNow() / stepMs) * stepMs);
}
