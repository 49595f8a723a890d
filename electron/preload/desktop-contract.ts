/**
 * What the desktop app serves over IPC: the API contract plus the first-run channels, without the
 * development-only channels. The preload builds window.broker from it and main binds it, so the two
 * can never disagree about which channels exist.
 */
import { CONTRACT } from '../../shared/contract';
import { setupChannels } from '../../shared/contract/setup';
import type { BrokerApi } from './broker-api';
import { channelsServedOverIpc } from './ipc-channel-name';

const ALL_CHANNELS = { ...CONTRACT, ...setupChannels };

/** Development channels are named `dev.*` (the contract's tests hold it to that). */
type WithoutDevChannels<C> = { [K in keyof C as K extends `dev.${string}` ? never : K]: C[K] };

export type DesktopContract = WithoutDevChannels<typeof ALL_CHANNELS>;

export const DESKTOP_CHANNELS = channelsServedOverIpc(ALL_CHANNELS) as Array<keyof DesktopContract & string>;

/** The type of window.broker in the desktop app. */
export type DesktopBrokerApi = BrokerApi<DesktopContract>;
