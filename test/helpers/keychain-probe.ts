// Run in a child process by the store tests: prints the error code the keychain wrapper gives.
import { AppError } from '../../shared/errors';
import { KeytarKeyStore } from '../../electron/core/store/key-store';

try {
  await new KeytarKeyStore('records-access-broker-probe').get('store:/nowhere');
  console.log('OK');
} catch (e) {
  console.log(e instanceof AppError ? `${e.code} ${e.message}` : `UNEXPECTED ${String(e)}`);
}
