import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.ts';

describe('new password rules', () => {
  it('asks for 12 to 200 characters', () => {
    expect(passwordProblem('short')).toBe('Password must be 12 characters or more');
    expect(passwordProblem('x'.repeat(201))).toBe('Password must be 200 characters or fewer');
    expect(passwordProblem('twelve chars')).toBeUndefined();
  });

  it('refuses a password containing the name part of the email address', () => {
    expect(passwordProblem('my name is Morag.Bell!', 'morag.bell@example.org')).toBe(
      'Password must not contain your email address',
    );
  });

  it('does not refuse every password that shares a letter with a very short address', () => {
    expect(passwordProblem('a perfectly good password', 'a@example.org')).toBeUndefined();
    expect(passwordProblem('xylophone practice', 'x@test.example')).toBeUndefined();
  });
});
