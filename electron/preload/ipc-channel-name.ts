/**
 * IPC channel names are the contract's channel names with our prefix: `rab:auth.signIn`. The prefix
 * keeps our handlers apart from anything Electron or a library registers, and a name that does not
 * match is never bound or invoked.
 */
export const IPC_PREFIX = 'rab:';

/** `group.operation`, optionally deeper (`admin.users.create`); letters and digits only. */
const CONTRACT_CHANNEL = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

export const isContractChannelName = (name: string): boolean => CONTRACT_CHANNEL.test(name);

export function ipcChannelName(contractChannel: string): string {
  if (!isContractChannelName(contractChannel)) {
    throw new Error(`"${contractChannel}" is not a contract channel name (expected e.g. "auth.signIn").`);
  }
  return `${IPC_PREFIX}${contractChannel}`;
}

/** The contract channel an IPC name stands for, or null for any name without our prefix. */
export function contractChannelOf(ipcName: string): string | null {
  if (!ipcName.startsWith(IPC_PREFIX)) return null;
  const name = ipcName.slice(IPC_PREFIX.length);
  return isContractChannelName(name) ? name : null;
}

/**
 * The channels the desktop app serves: every contract channel except the 'dev' ones (clock and
 * sweep controls), which only the development browser host may offer.
 */
export const channelsServedOverIpc = (contract: Readonly<Record<string, { access: string }>>): string[] =>
  Object.keys(contract).filter((name) => contract[name]?.access !== 'dev');
