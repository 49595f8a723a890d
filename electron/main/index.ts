/**
 * The Electron entry point. Everything here must happen before the app is ready: private file
 * modes, the sandbox for every renderer, the app:// scheme's privileges, the user-data folder and
 * the single-instance lock (which is per user-data folder, so it comes after choosing it).
 */
import { app, protocol } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { runDesktopApp } from './desktop-app';
import { pageOriginsFor, userDataOverride } from './launch-settings';
import { PRIVATE_UMASK } from './user-data-permissions';

process.umask(PRIVATE_UMASK);
app.enableSandbox();
// Windows shows desktop notifications only for an app with an identity (the appId it is packaged with).
app.setAppUserModelId('uk.gov.justice.probation.records-access-broker');
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const launch = { isPackaged: app.isPackaged, env: process.env };
const userData = userDataOverride(launch);
if (userData) app.setPath('userData', userData);

if (!app.requestSingleInstanceLock()) {
  // Another window of the app is already open; it is brought to the front instead.
  app.quit();
} else {
  runDesktopApp(pageOriginsFor(launch));
}
