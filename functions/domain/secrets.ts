import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A link token: 256 bits from the CSPRNG, base64url (43 characters). Only its SHA-256 is stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A session identifier: 256 bits, opaque; only its SHA-256 is stored. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A six-digit one-time code, uniformly drawn from the CSPRNG. */
export function newOneTimeCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** Codes are stored salted and hashed; they live 10 minutes and allow 5 guesses, so a fast hash suffices. */
export function hashCode(salt: string, code: string): string {
  return sha256Hex(`${salt}:${code}`);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Masks an address for display: "jane.smith@leics.police.uk" → "j•••@leics.police.uk". */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}
