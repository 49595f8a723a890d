// Run in a child process by the store tests: prints the error code the keychain wrapper gives for
// a read and for a write, one line each.
import { AppError } from '../../shared/errors';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';

const keyStore = new SystemKeyStore('records-access-broker-probe');
for (const attempt of [() => keyStore.get('store:/nowhere'), () => keyStore.set('store:/nowhere', { keyHex: '00'.repeat(32) })]) {
  try {
    await attempt();
    console.log('OK');
  } catch (e) {
    console.log(e instanceof AppError ? `${e.code} ${e.message}` : `UNEXPECTED ${String(e)}`);
  }
}
