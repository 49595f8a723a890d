/**
 * `rab serve` as a real process on a real keychain store: it starts, serves, and on SIGTERM
 * finishes and closes the store; its options refuse what would be unsafe before opening anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { populateDemoStore, DEMO_PASSWORD } from '../../../electron/core/demo/create-demo-store';
import { BrokerClient } from '../../../electron/core/server/broker-client';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { cliHarness } from '../cli/cli-harness';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { startRabServe } from '../../helpers/rab-serve-process';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('rab serve', () => {
  it('serves the demonstration store over HTTPS, then stops cleanly on SIGTERM leaving a store that opens', async () => {
    const path = join(tempDir(), 'broker.db');
    const keychain = new SystemKeyStore();
    const store = await openStore({ path, keyStore: keychain, create: true });
    const accounts = await populateDemoStore(store.db, { now: Date.now(), scratchDir: tempDir() });
    store.close();
    const certs = makeTestCertificates(tempDir());

    const server = await startRabServe(['--store', path, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet']);
    const address = server.address;

    const client = new BrokerClient({ baseUrl: address, ca: certs.caCert });
    const admin = accounts.find((a) => a.role === 'admin')!;
    expect(await client.call('auth.signIn', { username: admin.username, password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    expect(await client.call('admin.listUsers', {})).toMatchObject({ ok: true });
    // An open push connection must not keep the server from stopping.
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const unsubscribe = client.subscribe(() => {}, () => opened());
    await open;

    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    unsubscribe();
    client.close();
    expect(server.output()).toContain('Stopped.');
    const reopened = await openStore({ path, keyStore: keychain });
    reopened.close();
    await keychain.delete(keychainAccount(path));
  });

  it('refuses plain HTTP off loopback, and a server without a certificate, before opening anything', async () => {
    const { rab } = cliHarness();
    const store = join(tempDir(), 'none.db');
    const offLoopback = await rab(['serve', '--store', store, '--listen', '0.0.0.0:8443', '--insecure-loopback']);
    expect(offLoopback.code).toBe(2);
    expect(offLoopback.stderr).toContain('--insecure-loopback serves plain HTTP on this computer only');
    const noCert = await rab(['serve', '--store', store, '--listen', '0.0.0.0:8443']);
    expect(noCert.code).toBe(2);
    expect(noCert.stderr).toContain('The broker serves HTTPS only');
    const badListen = await rab(['serve', '--store', store, '--listen', 'somewhere']);
    expect(badListen.code).toBe(2);
    expect(badListen.stderr).toContain('--listen must be HOST:PORT');
    const badProxy = await rab(['serve', '--store', store, '--listen', '127.0.0.1:0', '--insecure-loopback', '--trust-proxy', '10.0.0.5,10.0.1.0/33']);
    expect(badProxy.code).toBe(2);
    expect(badProxy.stderr).toContain('--trust-proxy: "10.0.1.0/33" is not an IP address or a CIDR range');
    const badClaimWait = await rab(['serve', '--store', store, '--listen', '127.0.0.1:0', '--insecure-loopback', '--abandoned-claim-seconds', '0.5']);
    expect(badClaimWait.code).toBe(2);
    expect(badClaimWait.stderr).toContain('--abandoned-claim-seconds must be a whole number of seconds from 1 to 86400, not "0.5"');
    expect(existsSync(store)).toBe(false);
  });
});
