/**
 * The type of `window.broker` as the renderer sees it: one async function per channel of the
 * contract (plus the first-run channels), nested by the dots in the channel's name, so
 * `auth.signIn` is `window.broker.auth.signIn(input)`. The preload and the browser host's bridge
 * both build exactly this shape from the same channel names.
 */
import type { LiveBridge } from '../../../shared/contract/broker-connection';
import type { ChannelDef, InputOf, OutputOf, Result } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract';
import type { SetupContract } from '../../../shared/contract/setup';

type AppContract = { [K in keyof Contract as K extends `dev.${string}` ? never : K]: Contract[K] } & SetupContract;

type Head<K extends string> = K extends `${infer H}.${string}` ? H : never;
type Tail<K extends string, H extends string> = K extends `${H}.${infer T}` ? T : never;
type Leaf<K extends string> = K extends `${string}.${string}` ? never : K;
type DefAt<C, Name extends string> = Name extends keyof C ? C[Name] : never;

export type BrokerFunction<C> = (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

type ApiTree<C, Prefix extends string, K extends string> = {
  readonly [L in Leaf<K>]: BrokerFunction<DefAt<C, `${Prefix}${L}`>>;
} & {
  readonly [H in Head<K>]: ApiTree<C, `${Prefix}${H}.`, Tail<K, H>>;
};

/** The calls, and beside them the live-update subscriptions (see live-updates.ts). */
export type RendererBrokerApi = ApiTree<AppContract, '', keyof AppContract & string> & Partial<LiveBridge>;
export type AppChannel = keyof AppContract & string;
export type AppInput<C extends AppChannel> = AppContract[C] extends ChannelDef ? InputOf<AppContract[C]> : never;
export type AppOutput<C extends AppChannel> = AppContract[C] extends ChannelDef ? OutputOf<AppContract[C]> : never;

declare global {
  interface Window {
    broker?: RendererBrokerApi;
  }
}
