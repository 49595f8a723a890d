import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  CURRENT_PARAMS,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../../electron/core/auth/password-hash';

const rejects = async (p: Promise<unknown>, code: string): Promise<string> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return (e as AppError).message;
  }
  throw new Error(`expected ${code}`);
};

describe('password hashing', () => {
  it('encodes scrypt with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte hash', async () => {
    const encoded = await hashPassword('correct horse battery');
    const [name, N, r, p, salt, hash] = encoded.split('$');
    expect([name, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
    expect(await verifyPassword('correct horse batterY', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const a = await hashPassword('the same passphrase');
    const b = await hashPassword('the same passphrase');
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same passphrase', b)).toBe(true);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const encoded = await hashPassword('Sia\u0302n a gwyliau');
    expect(await verifyPassword('Si\u00e2n a gwyliau', encoded)).toBe(true);
  });

  it('rejects empty and short passwords with a clear error', async () => {
    expect(await rejects(hashPassword(''), 'PASSWORD_TOO_SHORT')).toMatch(/at least 12 characters/);
    await rejects(hashPassword('elevenchars'), 'PASSWORD_TOO_SHORT');
    expect(await hashPassword('twelve chars')).toMatch(/^scrypt\$/);
  });

  it('rejects passwords with control characters or of absurd length', async () => {
    expect(await rejects(hashPassword('tab\there is bad'), 'PASSWORD_INVALID')).toMatch(/control characters/);
    expect(await rejects(hashPassword('x'.repeat(1025)), 'PASSWORD_INVALID')).toMatch(/at most 1024/);
  });

  it('calls for a rehash when a stored hash used weaker parameters than today', async () => {
    const weak = await hashPassword('an older account', { N: 2 ** 14, r: 8, p: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword('an older account', weak)).toBe(true);
    expect(needsRehash(await hashPassword('a current account'))).toBe(false);
    expect(needsRehash(await hashPassword('a current account'), { ...CURRENT_PARAMS, N: 2 ** 16 })).toBe(true);
  });

  it('refuses malformed stored hashes rather than answering "wrong password"', async () => {
    for (const bad of ['', 'plain', 'scrypt$32768$8$1$salt', 'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'bcrypt$x']) {
      await rejects(verifyPassword('whatever password', bad), 'PASSWORD_HASH_INVALID');
    }
  });
});
