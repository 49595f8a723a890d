/**
 * Loads something from the broker when a screen opens (and again on reload), keeping the last good
 * value while a reload is in flight so lists do not flicker.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { AppErrorShape } from '../../../shared/errors';

export interface Loaded<T> {
  value: T | undefined;
  error: AppErrorShape | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useLoad<T>(loader: () => Promise<Result<T>>, deps: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<AppErrorShape | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loaderRef = useRef(loader);
  useEffect(() => {
    loaderRef.current = loader;
  });

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    const result = await loaderRef.current();
    if (ticket !== latest.current) return; // a newer load has started; its answer wins
    if (result.ok) {
      setValue(result.value);
      setError(undefined);
    } else {
      setError(result.error);
    }
    setLoading(false);
  }, []);

  useEffect(() => {
    // A (re)load shows as loading at once, and sets its value when the broker answers.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { value, error, loading, reload };
}

/** Runs `tick` every `ms` while the screen is open (used to notice decisions and revocations). */
export function useInterval(tick: () => void, ms: number | null): void {
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    if (ms === null) return;
    const handle = window.setInterval(() => tickRef.current(), ms);
    return () => window.clearInterval(handle);
  }, [ms]);
}
