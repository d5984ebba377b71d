import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie, link or API token, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Only this hash of a secret is stored, so a database leak gives no usable tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
