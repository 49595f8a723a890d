/**
 * Locks the window after the policy's idle time without keyboard or pointer use. The window's own
 * polling (notifications, grant status) keeps the core's session busy, so the core cannot tell a
 * person reading from an empty desk: the window decides, and the core's own idle lock is the
 * backstop when the window is gone.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

export function useIdleLock(idleLockMinutes: number, lock: () => void): void {
  const lastActivity = useRef(0);
  const lockRef = useRef(lock);
  useEffect(() => {
    lockRef.current = lock;
  }, [lock]);

  useEffect(() => {
    lastActivity.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    const handle = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= idleLockMinutes * 60_000) lockRef.current();
    }, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(handle);
    };
  }, [idleLockMinutes]);
}
