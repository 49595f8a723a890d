/**
 * The preload: exposes window.broker, one named function per channel, and nothing else. It runs
 * sandboxed, so it is bundled into one file that requires only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBrokerApi } from './broker-api';
import { DESKTOP_CHANNELS, type DesktopContract } from './desktop-contract';

// Only the resolved answer crosses back: the IPC event object never reaches the page.
const invoke = (ipcChannel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(ipcChannel, input);

contextBridge.exposeInMainWorld('broker', buildBrokerApi<DesktopContract>(DESKTOP_CHANNELS, invoke));
