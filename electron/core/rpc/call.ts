/** What a channel handler gets: the services, the caller's connection and (for session channels) the actor. */
import type { ChannelName, Output, ParsedInput } from '../../../shared/contract';
import type { ImportReport } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BrokerContext } from '../broker/context';
import { policyOf } from '../broker/context';
import type { TestClock } from '../clock/clock';
import type { Actor } from '../policy/actor';
import type { Connection, SessionService } from '../auth/sessions';
import { checkPassword } from '../auth/sign-in';
import type { StoreHealth } from './store-health';

/** Rows read so far, as an import reports them. */
export interface ImportProgressUpdate {
  file: string;
  rowsDone: number;
  rowsTotal: number;
}

/** Runs an nDelius/OASys-style import for the admin screen; provided by the host that can. */
export type Importer = (
  directory: string,
  by: { userId: number; username: string },
  onProgress: (progress: ImportProgressUpdate) => void,
) => Promise<ImportReport>;

/** The import under way, if any, as admin.importProgress reports it. */
export interface ImportProgressState {
  running: boolean;
  file: string | null;
  rowsDone: number;
  rowsTotal: number;
}

export interface CoreServices {
  ctx: BrokerContext;
  sessions: SessionService;
  devClock: TestClock | null;
  importer: Importer | null;
  importProgress: ImportProgressState;
  /** Settles when the import under way (if any) has finished: background tasks wait for it. */
  importFinished: Promise<void>;
  /** Refused once the store shows damage. */
  health: StoreHealth;
  /** The desktop's daily backup folder; null where backups are not taken by the app. */
  backupDir: string | null;
}

export interface Call {
  services: CoreServices;
  conn: Connection;
  /** Present for 'session' channels; null for 'public' and 'dev' ones. */
  actor: Actor | null;
}

export type Handler<C extends ChannelName> = (call: Call, input: ParsedInput<C>) => Output<C> | Promise<Output<C>>;

/** The handlers for every channel whose name starts with `P` (one file per area). */
export type HandlersOf<P extends string> = { [C in ChannelName as C extends `${P}${string}` ? C : never]: Handler<C> };

export function actorOf(call: Call): Actor {
  if (!call.actor) throw new AppError('NOT_SIGNED_IN');
  return call.actor;
}

/** Re-entering the password for admin actions and emergency access: failures count towards lockout. */
export async function confirmPassword(call: Call, password: string): Promise<void> {
  const actor = actorOf(call);
  const { ctx } = call.services;
  await checkPassword(ctx.db, await policyOf(ctx), () => ctx.clock.now(), { userId: actor.userId }, password, 'reauth');
}
