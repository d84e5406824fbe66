import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to people (API keys, private-feed tokens, opt-out links, web sessions): made
 * from at least 128 random bits, stored only as their SHA-256, compared in constant time. A
 * database leak then reveals no usable secret.
 */

/** Fewer random bytes than this would make a secret guessable. */
const MIN_SECRET_BYTES = 16;

/** The stored form of a secret: its SHA-256 in hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A new secret: `prefix` then `bytes` random bytes in base64url (32 bytes, 256 bits, by default).
 * @example generateSecret('lh_') // 'lh_Jx8…' (46 characters)
 */
export function generateSecret(prefix = '', bytes = 32): string {
  if (bytes < MIN_SECRET_BYTES) throw new Error(`a secret needs at least ${MIN_SECRET_BYTES} random bytes`);
  return prefix + randomBytes(bytes).toString('base64url');
}
