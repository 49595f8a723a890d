/**
 * setup.* channels once a store exists. Before that the desktop host answers them itself (it is
 * what creates the store); from then on the app is set up, and any attempt to set it up again is
 * refused, having changed nothing.
 */
import { AppError } from '../../../../shared/errors';
import { demoAccountsOf, isDemoStore } from '../../demo/create-demo-store';
import type { HandlersOf } from '../call';

export const setupHandlers: HandlersOf<'setup.'> = {
  'setup.status': async (call) => {
    const { db } = call.services.ctx;
    return { state: 'READY' as const, demo: await isDemoStore(db), demoAccounts: await demoAccountsOf(db) };
  },
  'setup.createAdministrator': () => {
    throw new AppError('SETUP_ALREADY_DONE');
  },
  'setup.connectToBroker': () => {
    throw new AppError('SETUP_ALREADY_DONE');
  },
  'setup.loadDemoData': () => {
    throw new AppError('SETUP_ALREADY_DONE');
  },
};
