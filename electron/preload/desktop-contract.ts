/**
 * What the desktop app serves over IPC: the API contract (first-run channels included), without the
 * development-only channels. The preload builds window.broker from it and main binds it, so the two
 * can never disagree about which channels exist.
 */
import { CONTRACT } from '../../shared/contract';
import type { BrokerApi } from './broker-api';
import { channelsServedOverIpc } from './ipc-channel-name';

// The first-run channels (setup.*) are part of the contract.
const ALL_CHANNELS = CONTRACT;

/** Development channels are named `dev.*` (the contract's tests hold it to that). */
type WithoutDevChannels<C> = { [K in keyof C as K extends `dev.${string}` ? never : K]: C[K] };

export type DesktopContract = WithoutDevChannels<typeof ALL_CHANNELS>;

export const DESKTOP_CHANNELS = channelsServedOverIpc(ALL_CHANNELS) as Array<keyof DesktopContract & string>;

/** The type of window.broker in the desktop app. */
export type DesktopBrokerApi = BrokerApi<DesktopContract>;
