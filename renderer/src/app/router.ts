/**
 * Screens are addressed by the URL's fragment (`#/requests/12?filter=OPEN`): in-page navigation
 * works the same under the desktop app's app:// scheme (which refuses real navigation) and in the
 * browser host. Links are plain `<a href="#/…">`, so they work from the keyboard as links should.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  /** The path without the leading '#', e.g. '/requests/12'. */
  path: string;
  segments: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : '/';
  const segments = path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
  return { path, segments, query: new URLSearchParams(queryPart) };
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const snapshot = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parseRoute(hash);
}

export function href(path: string, query?: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const q = params.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined>): void {
  const target = href(path, query);
  if (window.location.hash !== target) window.location.hash = target;
}

/** Changes the query without adding a history entry (filters, search boxes). */
export function replaceQuery(path: string, query: Record<string, string | number | undefined>): void {
  replaceRoute(path, query);
}

/** Goes to another screen in place of this one, so Back skips it (a search that found its one person). */
export function replaceRoute(path: string, query: Record<string, string | number | undefined> = {}): void {
  const target = href(path, query);
  if (window.location.hash === target) return;
  window.history.replaceState(window.history.state, '', target);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
