import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearerAuth.ts';

describe('reading the Authorization header', () => {
  it('takes the token from a Bearer header, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer hearth_abc')).toBe('hearth_abc');
    expect(bearerToken('bearer hearth_abc')).toBe('hearth_abc');
  });

  it('finds no token in a missing, empty, other-scheme or two-part header', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b']) {
      expect(bearerToken(header), String(header)).toBeUndefined();
    }
  });
});
