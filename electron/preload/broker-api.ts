/**
 * Builds `window.broker` from the contract's channel names: one named function per channel, nested
 * by the dots in its name (`auth.signIn` → `broker.auth.signIn(input)`). Each function forwards its
 * single argument and nothing else, so neither ipcRenderer nor any IPC event object can cross the
 * bridge. Pure: it is given `invoke`, so it is tested without Electron.
 */
import type { ChannelDef, InputOf, OutputOf, Result } from '../../shared/contract/define';
import { ipcChannelName } from './ipc-channel-name';

/** Sends one call to the main process and resolves with its answer (a Result). */
export type Invoke = (ipcChannel: string, input: unknown) => Promise<unknown>;

export type BrokerFunction<C> = (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

type Head<K extends string> = K extends `${infer H}.${string}` ? H : never;
type Tail<K extends string, H extends string> = K extends `${H}.${infer T}` ? T : never;
type Leaf<K extends string> = K extends `${string}.${string}` ? never : K;
type DefAt<C, Name extends string> = Name extends keyof C ? C[Name] : never;

type ApiTree<C, Prefix extends string, K extends string> = {
  readonly [L in Leaf<K>]: BrokerFunction<DefAt<C, `${Prefix}${L}`>>;
} & {
  readonly [H in Head<K>]: ApiTree<C, `${Prefix}${H}.`, Tail<K, H>>;
};

/** The type of `window.broker` for a contract. */
export type BrokerApi<C extends Record<string, ChannelDef>> = ApiTree<C, '', keyof C & string>;

type Node = { [name: string]: Node | ((input: unknown) => Promise<unknown>) };

export function buildBrokerApi<C extends Record<string, ChannelDef>>(
  channels: ReadonlyArray<keyof C & string>,
  invoke: Invoke,
): BrokerApi<C> {
  const root: Node = {};
  for (const channel of channels) {
    const ipcName = ipcChannelName(channel);
    const path = channel.split('.');
    const operation = path.pop() as string;
    let group = root;
    for (const part of path) {
      const next = Object.hasOwn(group, part) ? group[part] : undefined;
      if (typeof next === 'function') throw new Error(`Channel "${channel}" nests under the operation "${part}".`);
      if (next === undefined) {
        const created: Node = {};
        Object.defineProperty(group, part, { value: created, enumerable: true });
        group = created;
      } else {
        group = next;
      }
    }
    if (Object.hasOwn(group, operation)) throw new Error(`Channel "${channel}" is defined twice or clashes with a group.`);
    // Exactly one argument is forwarded, whatever the caller passes.
    const call = (input: unknown): Promise<unknown> => invoke(ipcName, input);
    Object.defineProperty(group, operation, { value: call, enumerable: true });
  }
  return deepFreeze(root) as unknown as BrokerApi<C>;
}

function deepFreeze(node: Node): Node {
  for (const value of Object.values(node)) if (typeof value !== 'function') deepFreeze(value);
  return Object.freeze(node);
}
