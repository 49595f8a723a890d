/**
 * The preload: exposes window.broker, one named function per channel plus the live-update
 * subscriptions, and nothing else. It runs sandboxed, so it is bundled into one file that requires
 * only 'electron'.
 */
// First: the contract's schemas must be built with zod jitless, or zod probes eval under the CSP.
import '../../shared/contract/jitless-zod';
import { contextBridge, ipcRenderer } from 'electron';
import { buildBrokerApi } from './broker-api';
import { DESKTOP_CHANNELS, type DesktopContract } from './desktop-contract';
import { buildLiveBridge, LIVE_EVENTS_CHANNEL } from './live-bridge';

// Only the resolved answer crosses back: the IPC event object never reaches the page.
const invoke = (ipcChannel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(ipcChannel, input);

// Registered now, before the page loads, so the first connection status is not missed.
const live = buildLiveBridge((receive) => ipcRenderer.on(LIVE_EVENTS_CHANNEL, (_event, payload: unknown) => receive(payload)));

contextBridge.exposeInMainWorld('broker', { ...buildBrokerApi<DesktopContract>(DESKTOP_CHANNELS, invoke), onUpdate: live.onUpdate, onConnection: live.onConnection, onSession: live.onSession });
