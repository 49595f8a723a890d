import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../electron/main/window-options';

const preloadPath = '/opt/rab/resources/app.asar/out/preload/index.cjs';

describe('windowOptions: every SECURITY.md item that lives in webPreferences', () => {
  const modes = [
    { mode: 'packaged', isDev: false },
    { mode: 'development', isDev: true },
  ];
  const required: Array<[string, string, unknown]> = [
    ['2. no Node in the page', 'nodeIntegration', false],
    ['2. no Node in workers', 'nodeIntegrationInWorker', false],
    ['2. no Node in subframes', 'nodeIntegrationInSubFrames', false],
    ['3. context isolation', 'contextIsolation', true],
    ['4. sandbox set explicitly', 'sandbox', true],
    ['6. web security stays on', 'webSecurity', true],
    ['6. no insecure content', 'allowRunningInsecureContent', false],
    ['6. no experimental features', 'experimentalFeatures', false],
    ['8. no <webview>', 'webviewTag', false],
    ['no plugins', 'plugins', false],
    ['no drag-and-drop navigation', 'navigateOnDragDrop', false],
    ['no spellchecker dictionary downloads', 'spellcheck', false],
    ['no middle-click new windows', 'disableBlinkFeatures', 'Auxclick'],
  ];

  for (const { mode, isDev } of modes) {
    for (const [item, key, value] of required) {
      it(`${item}: ${key} is ${String(value)} (${mode})`, () => {
        const prefs = windowOptions({ isDev, preloadPath }).webPreferences as Record<string, unknown>;
        expect(Object.hasOwn(prefs, key)).toBe(true);
        expect(prefs[key]).toBe(value);
      });
    }

    it(`6. never enables Blink features (${mode})`, () => {
      const prefs = windowOptions({ isDev, preloadPath }).webPreferences ?? {};
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    });

    it(`uses the given preload (${mode})`, () => {
      expect(windowOptions({ isDev, preloadPath }).webPreferences?.preload).toBe(preloadPath);
    });
  }

  it('15. DevTools are off in the packaged app', () => {
    expect(windowOptions({ isDev: false, preloadPath }).webPreferences?.devTools).toBe(false);
  });

  it('15. DevTools are on only in development', () => {
    expect(windowOptions({ isDev: true, preloadPath }).webPreferences?.devTools).toBe(true);
  });

  it('waits for ready-to-show so no blank window appears', () => {
    expect(windowOptions({ isDev: false, preloadPath }).show).toBe(false);
  });

  it('refuses a relative preload path, which Electron would resolve against the working folder', () => {
    expect(() => windowOptions({ isDev: false, preloadPath: 'out/preload/index.cjs' })).toThrow(/must be absolute/);
  });
});
