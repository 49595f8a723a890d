import { describe, expect, it } from 'vitest';
import {
  isAppPageUrl,
  isTrustedSender,
  pageEntryUrl,
  senderFactsOf,
  type PageOrigins,
  type SenderFacts,
} from '../../../electron/main/trusted-sender';

const packaged: PageOrigins = { isDev: false, devServerUrl: null };
const development: PageOrigins = { isDev: true, devServerUrl: 'http://localhost:5173/' };
const ours: SenderFacts = { frameUrl: 'app://renderer/index.html', isMainFrame: true, fromAppWindow: true };

describe('isTrustedSender: only our window, main frame, own origin', () => {
  it('trusts the main frame of our window on app://renderer', () => {
    expect(isTrustedSender(ours, packaged)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://renderer/index.html#/requests/42' }, packaged)).toBe(true);
  });

  it.each<[string, Partial<SenderFacts>]>([
    ['a subframe', { isMainFrame: false }],
    ['a frame that has gone', { frameUrl: null }],
    ['a webContents that is not one of our windows', { fromAppWindow: false }],
    ['a page on another app:// host', { frameUrl: 'app://elsewhere/index.html' }],
    ['a file:// page', { frameUrl: 'file:///opt/rab/out/renderer/index.html' }],
    ['a web page', { frameUrl: 'https://example.org/' }],
    ['the dev server in a packaged app', { frameUrl: 'http://localhost:5173/' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['a data: URL', { frameUrl: 'data:text/html,<script>1</script>' }],
    ['a URL with credentials', { frameUrl: 'app://user:pw@renderer/index.html' }],
    ['something that is not a URL', { frameUrl: 'renderer/index.html' }],
  ])('refuses %s', (_what, change) => {
    expect(isTrustedSender({ ...ours, ...change }, packaged)).toBe(false);
  });

  it('trusts the dev server origin only in development', () => {
    const dev = { ...ours, frameUrl: 'http://localhost:5173/index.html' };
    expect(isTrustedSender(dev, development)).toBe(true);
    expect(isTrustedSender(dev, { isDev: false, devServerUrl: 'http://localhost:5173/' })).toBe(false);
  });

  it('matches the dev server by scheme, host and port exactly', () => {
    expect(isAppPageUrl('http://localhost:5174/', development)).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', development)).toBe(false);
    expect(isAppPageUrl('http://127.0.0.1:5173/', development)).toBe(false);
    expect(isAppPageUrl('http://localhost.evil.test:5173/', development)).toBe(false);
  });

  it('still refuses subframes in development', () => {
    expect(isTrustedSender({ ...ours, isMainFrame: false, frameUrl: 'http://localhost:5173/' }, development)).toBe(false);
  });
});

describe('senderFactsOf: reading an IPC event', () => {
  const mainFrame = { url: 'app://renderer/index.html', parent: null };

  it('sees the main frame of a known window', () => {
    const facts = senderFactsOf({ sender: { id: 7, mainFrame }, senderFrame: mainFrame }, (id) => id === 7);
    expect(facts).toEqual({ frameUrl: 'app://renderer/index.html', isMainFrame: true, fromAppWindow: true });
  });

  it('sees a subframe for what it is, even on our origin', () => {
    const child = { url: 'app://renderer/index.html', parent: mainFrame };
    expect(senderFactsOf({ sender: { id: 7, mainFrame }, senderFrame: child }, () => true).isMainFrame).toBe(false);
  });

  it('treats a frame with no parent that is not the main frame as untrusted', () => {
    const detached = { url: 'app://renderer/index.html', parent: null };
    expect(senderFactsOf({ sender: { id: 7, mainFrame }, senderFrame: detached }, () => true).isMainFrame).toBe(false);
  });

  it('reports a destroyed frame as no frame', () => {
    expect(senderFactsOf({ sender: { id: 7, mainFrame }, senderFrame: null }, () => true)).toEqual({
      frameUrl: null,
      isMainFrame: false,
      fromAppWindow: true,
    });
  });

  it('asks the window registry about the sender', () => {
    expect(senderFactsOf({ sender: { id: 9, mainFrame }, senderFrame: mainFrame }, (id) => id === 7).fromAppWindow).toBe(false);
  });
});

describe('the page a window loads', () => {
  it('is app://renderer/index.html in a built app', () => {
    expect(pageEntryUrl(packaged)).toBe('app://renderer/index.html');
  });

  it('is the dev server only in development', () => {
    expect(pageEntryUrl(development)).toBe('http://localhost:5173/');
    expect(pageEntryUrl({ isDev: false, devServerUrl: 'http://localhost:5173/' })).toBe('app://renderer/index.html');
  });

  it('is itself a trusted page', () => {
    expect(isAppPageUrl(pageEntryUrl(packaged), packaged)).toBe(true);
    expect(isAppPageUrl(pageEntryUrl(development), development)).toBe(true);
  });
});
