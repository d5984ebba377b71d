import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so a sign-in takes as
// long whether or not the email is known.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('hearth-decoy-password-never-valid');
  return decoyHash;
}

/** Problems with a new password, in plain words; empty when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < 12) return 'Password must be 12 characters or more';
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  // The name part of the address, when long enough to be guessable: a
  // one-letter name would forbid most passwords containing that letter.
  const name = email?.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 3 && password.toLowerCase().includes(name)) {
    return 'Password must not contain your email address';
  }
  return undefined;
}
