/**
 * The channels window.broker has in the browser host: the desktop app's (the contract and the
 * first-run channels, without dev.*) plus the development-only dev.* channels. Worked out when the
 * bridge is built, so the bridge itself carries names only, not the contract's schemas.
 */
import { CONTRACT } from '../../../shared/contract';
import { DESKTOP_CHANNELS } from '../../../electron/preload/desktop-contract';

export const DEV_CHANNELS = Object.keys(CONTRACT).filter((name) => CONTRACT[name as keyof typeof CONTRACT].access === 'dev');
export const HOST_CHANNELS: string[] = [...DESKTOP_CHANNELS, ...DEV_CHANNELS];
