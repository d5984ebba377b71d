import { describe, expect, it } from 'vitest';
import { loggableError } from './errors.ts';

describe('loggableError', () => {
  it('keeps the query shape but drops its parameters, which may be personal data', () => {
    const error = new Error('Failed query: insert into person (given_name) values ($1)\nparams: Agnes');
    Object.assign(error, { cause: { code: '23505' } });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('Agnes');
    expect(logged.message).toContain('insert into person');
  });
});
