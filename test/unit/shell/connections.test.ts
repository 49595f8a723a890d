import { describe, expect, it } from 'vitest';
import { ConnectionRegistry } from '../../../electron/main/connections';

describe('one connection per app window', () => {
  it('gives each window its own signed-out connection', () => {
    const registry = new ConnectionRegistry();
    const a = registry.open(1);
    const b = registry.open(2);
    expect(a.id).not.toBe(b.id);
    expect(a.sessionId).toBeNull();
    expect(registry.open(1)).toBe(a);
  });

  it('knows only the windows it opened', () => {
    const registry = new ConnectionRegistry();
    registry.open(1);
    expect(registry.isAppWindow(1)).toBe(true);
    expect(registry.isAppWindow(2)).toBe(false);
    expect(registry.get(2)).toBeUndefined();
  });

  it('forgets a window when it closes', () => {
    const registry = new ConnectionRegistry();
    const a = registry.open(1);
    expect(registry.close(1)).toBe(a);
    expect(registry.isAppWindow(1)).toBe(false);
  });

  it('lists the windows with someone signed in', () => {
    const registry = new ConnectionRegistry();
    registry.open(1).sessionId = 's-1';
    registry.open(2);
    expect(registry.signedIn().map((w) => [w.webContentsId, w.connection.sessionId])).toEqual([[1, 's-1']]);
  });
});
