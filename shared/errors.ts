/**
 * Every error the app can answer with, defined once. The renderer shows `message`; code is for
 * programs and tests. Store errors come first because they stop the app before anything else.
 */
export const ERROR_CODES = {
  // Store
  STORE_KEY_MISSING: 'The store exists but its key is not in the keychain. The store has not been changed.',
  STORE_KEY_WRONG: 'The key in the keychain does not open this store. The store has not been changed.',
  STORE_DAMAGED: 'The store file is damaged, so nothing more will be written to it. Tell your administrator: IT support can restore the latest backup.',
  STORE_FULL: 'The disk is full. Free some space; nothing was changed.',
  STORE_READ_ONLY: 'The store is in a folder or on a disk that cannot be written to. Nothing was changed.',
  STORE_FROM_FUTURE: 'The store was written by a newer version of this app. It has not been changed.',
  STORE_KEYCHAIN_UNAVAILABLE: 'The system keychain is not available, so the store cannot be unlocked.',
  STORE_NOT_FOUND: 'There is no store at that path.',
  STORE_KEY_INVALID: 'The key held in the keychain is not a 256-bit hex key.',
  STORE_UNAVAILABLE: 'The broker cannot reach its database just now. Nothing was changed: try again shortly.',
  // Input and dispatch
  INVALID_INPUT: 'The request was not valid.',
  UNKNOWN_CHANNEL: 'No such operation.',
  INTERNAL: 'Something went wrong. Nothing was changed.',
  UNTRUSTED_SENDER: "This request did not come from the app's own window and was refused.",
  BROKER_UNAVAILABLE: 'Cannot reach the broker. Nothing was lost: try again when it is back.',
  OFFLINE_QUEUED: 'The broker cannot be reached, so this has been kept on this computer and will be sent when the broker is back.',
  NEEDS_BROKER: 'Decisions, revocations and emergency access need the broker, which cannot be reached now. Try again when it is back.',
  OFFLINE_CHAIN_BROKEN: "The offline reads sent do not follow on from this desktop's chain of offline reads. None were recorded.",
  // Authentication
  NOT_SIGNED_IN: 'You need to sign in.',
  SESSION_EXPIRED: 'Your session has ended. Sign in again.',
  SESSION_LOCKED: 'The app is locked. Enter your password to continue.',
  BAD_CREDENTIALS: 'The username or password is not right.',
  ACCOUNT_LOCKED: 'Too many failed sign-ins. Try again later.',
  ACCOUNT_INACTIVE: 'This account is not active.',
  REAUTH_REQUIRED: 'Enter your password again to do this.',
  // Authorisation and broker rules
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found.',
  ACCESS_EXCLUDED: 'You are excluded from this record.',
  ACCESS_RESTRICTED: 'This record is restricted.',
  NO_ACTIVE_GRANT: 'You have no active access to this part of the record.',
  DUPLICATE_REQUEST: 'You already have a pending request or an active grant that covers this.',
  DECISION_REASON_REQUIRED: 'A reason is required to deny a request.',
  ALREADY_DECIDED: 'This request has already been decided.',
  OWN_REQUEST: 'Nobody may decide their own request.',
  SCOPE_WIDENED: 'An approval may narrow the scope, never widen it.',
  DURATION_TOO_LONG: 'The duration is longer than policy allows.',
  DURATION_TOO_SHORT: 'Access lasts at least 1 hour.',
  DECISION_REASON_TOO_SHORT: 'Write the reason for refusing in full: the requester reads it and may ask for a review.',
  REVIEW_NOT_ALLOWED: 'A review can be asked for once, by the requester, for a refused request.',
  EMERGENCY_NOT_ALLOWED: 'Emergency access is only for a pending request needed within 4 hours.',
  CLOCK_ROLLBACK: 'The computer clock has gone back. Reads are paused until an administrator acknowledges.',
  IMPORT_INVALID: 'The import files have errors. Nothing was imported.',
  // Broker rules (continued)
  INVALID_START: 'The start must be now or later, and before the access would end.',
  GRANT_NOT_ACTIVE: 'That access is no longer active.',
  EMERGENCY_REASON_REQUIRED: 'Explain why emergency access is needed.',
  ALREADY_REVIEWED: 'This emergency use has already been reviewed.',
  // Administration
  USERNAME_TAKEN: 'That username is already in use.',
  LAST_ADMIN: 'This would leave no active administrator.',
  IMPORT_UNAVAILABLE: "Imports cannot be run from this desktop: they are run on the broker's own server, by whoever looks after it. Ask them to import the export set.",
  // Seeding, importing and accounts (rab admin command line)
  IMPORT_SET_NOT_FOUND: 'There is no export set in that folder.',
  IMPORT_BUSY: 'The store is in the middle of another change. Nothing was imported.',
  IMPORT_CHECK_FAILED: 'A thread checking the import files stopped. Nothing was imported.',
  SEED_OUTPUT_NOT_EMPTY: 'The output folder already holds files. Choose an empty folder, or pass --overwrite.',
  USERNAME_INVALID:
    'A username is 3 to 64 characters: lower-case letters, digits, dots, hyphens or underscores, starting with a letter.',
  PASSWORD_TOO_SHORT: 'A password must be at least 12 characters long.',
  PASSWORD_INVALID: 'That password cannot be used.',
  PASSWORD_HASH_INVALID: 'The stored password hash is not in a recognised form.',
  ROLE_INVALID: 'That role does not exist.',
  STAFF_NOT_FOUND: 'There is no staff member with that code.',
  ROLE_STAFF_MISMATCH: 'That role does not fit the staff member the account is linked to.',
  DEMO_USERS_INVALID: 'The demonstration accounts file has errors. No accounts were created.',
  STAFF_HAS_ACCOUNT: 'That staff member already has an account.',
  // First run of the desktop app
  SETUP_REQUIRED: 'The app has not been set up yet: create the administrator or load demonstration data.',
  SETUP_ALREADY_DONE: 'The app is already set up. Nothing was changed.',
  // Backups
  BACKUP_NOT_FOUND: 'There is no backup at that path.',
  BACKUP_BEHIND_CHECKPOINT: 'The backup is older than the latest signed audit checkpoint, so restoring it would lose audited events. Nothing was restored.',
  BACKUP_NOT_GENUINE: 'The backup does not hold the audit events a signed checkpoint vouches for. Nothing was restored.',
  // Reports
  REPORT_PERIOD_INVALID: 'The report period is not valid: it runs from one day to a later (or the same) day, at most 366 days.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One field the broker refused, by its path in the channel's input ("policy.sla.ROUTINE.minutes"). */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: each refused field, so a form can put the message against it. */
  fields?: FieldProblem[];
}

/** An error that carries a code from ERROR_CODES. Thrown in core, answered as a value by dispatch. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[] | undefined;
  constructor(code: ErrorCode, message?: string, fields?: FieldProblem[]) {
    super(message ?? ERROR_CODES[code]);
    this.code = code;
    this.fields = fields;
    this.name = 'AppError';
  }
  toShape(): AppErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
