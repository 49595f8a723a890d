/**
 * The key that signs audit checkpoints: Ed25519, kept apart from the store key so that holding the
 * store (and its key) is not enough to forge a checkpoint. On a desktop it lives in the OS keychain
 * under its own entry; on a server it is a configured key file (64 hex characters, the private seed).
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { KeyStore } from '../store/key-store';

const SEED_PATTERN = /^[0-9a-f]{64}$/;
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// SubjectPublicKeyInfo wrapping of a raw 32-byte Ed25519 public key.
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface CheckpointSigner {
  /** Short fingerprint of the public key, written with every checkpoint. */
  keyId: string;
  /** The public key as 64 hex characters: what a verifier elsewhere is given. */
  publicKeyHex: string;
  sign(text: string): string;
}

/** The keychain entry for a store's checkpoint key: apart from the store key's own entry. */
export const checkpointKeyAccount = (storePath: string): string => `audit-checkpoint:${resolve(storePath)}`;

export const keyIdOf = (publicKeyHex: string): string => createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex').slice(0, 16);

export function signerFromSeed(seedHex: string): CheckpointSigner {
  if (!SEED_PATTERN.test(seedHex)) throw new AppError('INVALID_INPUT', 'A checkpoint signing key is 64 lower-case hex characters.');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKeyHex = spki.subarray(SPKI_ED25519_PREFIX.length).toString('hex');
  return { keyId: keyIdOf(publicKeyHex), publicKeyHex, sign: (text) => sign(null, Buffer.from(text), privateKey).toString('base64') };
}

export function publicKeyFromHex(publicKeyHex: string): KeyObject {
  if (!SEED_PATTERN.test(publicKeyHex)) throw new AppError('INVALID_INPUT', 'A checkpoint public key is 64 lower-case hex characters.');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
}

export const signatureHolds = (publicKey: KeyObject, text: string, signature: string): boolean => {
  try {
    return verify(null, Buffer.from(text), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};

/** The desktop's signer: from the keychain, made on first use. */
export async function keychainSigner(keyStore: KeyStore, storePath: string, o: { create: boolean }): Promise<CheckpointSigner | null> {
  const account = checkpointKeyAccount(storePath);
  const stored = await keyStore.get(account);
  if (stored) return signerFromSeed(stored.keyHex);
  if (!o.create) return null;
  const seedHex = randomBytes(32).toString('hex');
  await keyStore.set(account, { keyHex: seedHex });
  return signerFromSeed(seedHex);
}

/** A server's signer: a configured key file holding the seed. */
export function fileSigner(path: string): CheckpointSigner {
  return signerFromSeed(readFileSync(path, 'utf8').trim());
}
