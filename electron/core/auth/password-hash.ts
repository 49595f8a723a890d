/**
 * Password hashing with scrypt (node:crypto). Hashes are self-describing,
 * `scrypt$N$r$p$saltB64$hashB64`, so the cost can be raised later: `needsRehash` tells the sign-in
 * code when a stored hash was made with weaker parameters than today's.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../../shared/errors';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; bounded so nobody can make us hash megabytes. */
export const PASSWORD_MAX_LENGTH = 1024;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const ENCODED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Throws a clear AppError when a password is not acceptable; says nothing about its content. */
export function checkPasswordRules(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new AppError('PASSWORD_TOO_SHORT');
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError('PASSWORD_INVALID', `A password may be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  // Control characters are almost always a paste accident (a stray tab or carriage return).
  if ([...password].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new AppError('PASSWORD_INVALID', 'A password may not contain control characters such as tabs or line breaks.');
  }
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  checkPasswordRules(password);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time comparison against a stored hash. A malformed stored hash is an error, not a "no". */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  const actual = await derive(password, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(actual, parsed.hash);
}

export function needsRehash(encoded: string, params: ScryptParams = CURRENT_PARAMS): boolean {
  const parsed = parseHash(encoded);
  return (
    parsed.params.N < params.N ||
    parsed.params.r < params.r ||
    parsed.params.p < params.p ||
    parsed.salt.length < SALT_BYTES ||
    parsed.hash.length < HASH_BYTES
  );
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(encoded: string): ParsedHash {
  const m = ENCODED.exec(encoded);
  if (!m) throw new AppError('PASSWORD_HASH_INVALID');
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16 || salt.length < 8 || hash.length < 16) {
    throw new AppError('PASSWORD_HASH_INVALID');
  }
  return { params: { N, r, p }, salt, hash };
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // maxmem must cover 128 * N * r bytes, with room to spare.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolvePromise, reject) => {
    scryptCallback(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolvePromise(key)));
  });
}
