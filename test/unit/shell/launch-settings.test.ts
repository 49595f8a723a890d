import { describe, expect, it } from 'vitest';
import { pageOriginsFor, userDataOverride } from '../../../electron/main/launch-settings';

describe('development mode', () => {
  it('is on only for an unpackaged app given a loopback dev server URL', () => {
    expect(pageOriginsFor({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toEqual({
      isDev: true,
      devServerUrl: 'http://localhost:5173/',
    });
  });

  it('can never be switched on in a packaged app', () => {
    expect(pageOriginsFor({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toEqual({
      isDev: false,
      devServerUrl: null,
    });
  });

  it.each(['https://evil.example/', 'file:///tmp/index.html', 'http://192.168.1.5:5173/', 'not a url', ''])(
    'stays off for a dev server URL of %j',
    (url) => {
      expect(pageOriginsFor({ isPackaged: false, env: { ELECTRON_RENDERER_URL: url } }).isDev).toBe(false);
    },
  );

  it('is off for `npm start` (no dev server)', () => {
    expect(pageOriginsFor({ isPackaged: false, env: {} }).isDev).toBe(false);
  });
});

describe('user data folder override', () => {
  it('is honoured for an unpackaged app with an absolute path', () => {
    expect(userDataOverride({ isPackaged: false, env: { RAB_USER_DATA_DIR: '/tmp/rab-e2e-1' } })).toBe('/tmp/rab-e2e-1');
  });

  it('is ignored by a packaged app', () => {
    expect(userDataOverride({ isPackaged: true, env: { RAB_USER_DATA_DIR: '/tmp/elsewhere' } })).toBeNull();
  });

  it('is ignored when relative or empty', () => {
    expect(userDataOverride({ isPackaged: false, env: { RAB_USER_DATA_DIR: 'data' } })).toBeNull();
    expect(userDataOverride({ isPackaged: false, env: { RAB_USER_DATA_DIR: '' } })).toBeNull();
  });
});
