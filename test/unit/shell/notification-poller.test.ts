import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../electron/core/auth/sessions';
import { TestClock } from '../../../electron/core/clock/clock';
import { notifyUsers } from '../../../electron/core/notifications/notify';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { one, sql } from '../../../electron/core/store/sql';
import { BrokerHost } from '../../../electron/main/broker-host';
import { NotificationPoller } from '../../../electron/main/notification-poller';
import type { DesktopNotice } from '../../../electron/main/notification-selection';
import { useTempDirs } from '../../helpers/temp-dir';

const PASSWORD = 'correct horse battery';

describe('desktop notifications for signed-in windows', () => {
  const tempDir = useTempDirs();

  async function signedInWindow() {
    const clock = new TestClock(Date.parse('2026-03-02T09:00:00Z'));
    const host = new BrokerHost({ storePath: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), clock });
    await host.start();
    await host.dispatch('setup.createAdministrator', { id: 'w', sessionId: null }, { username: 'alice.admin', displayName: 'Alice', password: PASSWORD });
    const windows: Connection[] = [{ id: 'window-1', sessionId: null }];
    await host.dispatch('auth.signIn', windows[0]!, { username: 'alice.admin', password: PASSWORD });
    const core = host.core!;
    const userId = (await one<{ id: number }>(core.ctx.db, sql`SELECT id FROM users WHERE username = 'alice.admin'`))!.id;
    const shown: DesktopNotice[] = [];
    const poller = new NotificationPoller({ core: () => host.core, connections: () => windows, show: (n) => shown.push(n) });
    const notify = async (title: string) =>
      await notifyUsers(core.ctx.db, [userId], { kind: 'REQUEST_APPROVED', title, body: 'X123456 Jane Doe', at: clock.now() });
    return { host, clock, windows, poller, shown, notify, core };
  }

  it('shows a notification that arrives after sign-in once, without its details', async () => {
    const { host, clock, poller, shown, notify } = await signedInWindow();
    clock.advanceMinutes(1);
    notify('Request 12 for X123456 approved');
    await poller.poll();
    await poller.poll();
    expect(shown).toEqual([{ title: 'Your access request was approved', body: 'Open Records Access Broker to see the details.', urgent: false }]);
    host.close();
  });

  it('does not count as activity, so the session still idles into its lock', async () => {
    const { host, clock, windows, poller, core } = await signedInWindow();
    const session = core.sessions.peek(windows[0]!.sessionId)!;
    const lastActive = session.lastActiveAt;
    clock.advanceMinutes(1);
    await poller.poll();
    expect(core.sessions.peek(windows[0]!.sessionId)!.lastActiveAt).toBe(lastActive);
    host.close();
  });

  it('holds notifications back while the session is locked and shows them after unlock', async () => {
    const { host, clock, windows, poller, shown, notify } = await signedInWindow();
    await host.dispatch('auth.lock', windows[0]!, {});
    clock.advanceMinutes(1);
    notify('approved while away');
    await poller.poll();
    expect(shown).toEqual([]);
    await host.dispatch('auth.unlock', windows[0]!, { password: PASSWORD });
    await poller.poll();
    expect(shown).toHaveLength(1);
    host.close();
  });

  it('shows each notification once when the same person has two windows', async () => {
    const { host, clock, windows, poller, shown, notify } = await signedInWindow();
    const second: Connection = { id: 'window-2', sessionId: null };
    await host.dispatch('auth.signIn', second, { username: 'alice.admin', password: PASSWORD });
    windows.push(second);
    clock.advanceMinutes(1);
    notify('approved');
    await poller.poll();
    expect(shown).toHaveLength(1);
    host.close();
  });

  it('shows nothing once the window has signed out', async () => {
    const { host, clock, windows, poller, shown, notify } = await signedInWindow();
    await host.dispatch('auth.signOut', windows[0]!, {});
    clock.advanceMinutes(1);
    notify('approved');
    await poller.poll();
    expect(shown).toEqual([]);
    host.close();
  });
});
