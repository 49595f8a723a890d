import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  isAllowedExternalUrl,
  navigationDecision,
  windowOpenDecision,
} from '../../../electron/main/navigation-policy';
import { devicePermissionAnswer, permissionCheckAnswer, permissionRequestAnswer } from '../../../electron/main/permission-policy';

type RequestedPermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];
type CheckedPermission = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

describe('external links (SECURITY.md item 10)', () => {
  it('opens allowlisted https pages in the system browser', () => {
    expect(isAllowedExternalUrl('https://www.gov.uk/government/organisations/hm-prison-and-probation-service')).toBe(true);
  });

  it.each([
    ['plain http', 'http://www.gov.uk/'],
    ['a host not on the list', 'https://example.org/'],
    ['a look-alike host', 'https://www.gov.uk.evil.test/'],
    ['a subdomain not on the list', 'https://evil.www.gov.uk/'],
    ['credentials', 'https://user:pw@www.gov.uk/'],
    ['an unusual port', 'https://www.gov.uk:8443/'],
    ['file://', 'file:///etc/passwd'],
    ['a custom scheme that launches programs', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript:', 'javascript:alert(1)'],
    ['our own app scheme', 'app://renderer/index.html'],
    ['not a URL', 'www.gov.uk'],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('navigation and new windows (SECURITY.md item 9)', () => {
  it.each([
    'app://renderer/index.html',
    'https://example.org/',
    'file:///etc/passwd',
    'https://www.gov.uk/',
  ])('never navigates the app window to %s', (url) => {
    expect(navigationDecision(url).allowInApp).toBe(false);
  });

  it('hands an allowlisted link to the system browser instead', () => {
    expect(navigationDecision('https://www.gov.uk/')).toEqual({ allowInApp: false, openExternally: true });
    expect(navigationDecision('https://example.org/')).toEqual({ allowInApp: false, openExternally: false });
  });

  it.each(['app://renderer/index.html', 'https://example.org/', 'about:blank', 'https://www.gov.uk/'])(
    'denies a new window for %s',
    (url) => {
      expect(windowOpenDecision(url).action).toBe('deny');
    },
  );

  it('opens an allowlisted target="_blank" link in the system browser', () => {
    expect(windowOpenDecision('https://www.gov.uk/')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('https://example.org/')).toEqual({ action: 'deny', openExternally: false });
  });
});

describe('permissions (SECURITY.md item 5)', () => {
  // Every permission Electron names in setPermissionRequestHandler / setPermissionCheckHandler. The
  // type is taken from Electron's own declarations, so an upgrade that adds one fails the type check
  // until it is listed here (Electron 45 names 46, Electron 41 named 24).
  const everyPermission: Record<RequestedPermission | CheckedPermission, true> = {
    'ar': true, 'automatic-fullscreen': true, 'background-fetch': true, 'background-sync': true,
    'captured-surface-control': true, 'clipboard-read': true, 'clipboard-sanitized-write': true,
    'deprecated-sync-clipboard-read': true, 'display-capture': true, 'fileSystem': true, 'fullscreen': true,
    'geolocation': true, 'geolocation-approximate': true, 'hand-tracking': true, 'hid': true, 'idle-detection': true,
    'keyboardLock': true, 'local-fonts': true, 'local-network': true, 'local-network-access': true,
    'loopback-network': true, 'media': true, 'mediaKeySystem': true, 'midi': true, 'midiSysex': true, 'nfc': true,
    'notifications': true, 'openExternal': true, 'payment-handler': true, 'periodic-background-sync': true,
    'persistent-storage': true, 'pointerLock': true, 'screen-wake-lock': true, 'sensors': true, 'serial': true,
    'smart-card': true, 'speaker-selection': true, 'storage-access': true, 'system-wake-lock': true,
    'top-level-storage-access': true, 'unknown': true, 'usb': true, 'vr': true, 'web-app-installation': true,
    'web-printing': true, 'window-management': true,
  };
  const permissions = Object.keys(everyPermission);

  it.each(permissions)('denies a request for %s', (permission) => {
    expect(permissionRequestAnswer(permission)).toBe(false);
  });

  it.each(permissions)('answers a check for %s with no', (permission) => {
    expect(permissionCheckAnswer(permission)).toBe(false);
  });

  it.each(['hid', 'serial', 'usb', 'bluetooth'])('denies device access to %s', (device) => {
    expect(devicePermissionAnswer(device)).toBe(false);
  });
});
