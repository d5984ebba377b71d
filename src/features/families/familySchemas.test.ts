import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { FamilyDetailSchema, FamilyListQuery } from './familySchemas.ts';

// A bare Fastify with just the schemas: the same validator and serialiser the API uses.
const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
app.get('/query', { schema: { querystring: FamilyListQuery } }, async (request) => request.query);
app.get('/detail', { schema: { response: { 200: FamilyDetailSchema } } }, async () => ({
  id: '3f0c1a9e-0000-4000-8000-000000000001',
  reference: 'GC-0001',
  name: 'Baird family',
  locality: null,
  status: 'open' as const,
  memberCount: 1,
  updatedAt: '2026-03-04T05:06:07.000Z',
  members: [
    {
      givenName: 'Agnes',
      familyName: null,
      preferredName: null,
      dateOfBirth: null,
      relationship: null,
      roles: [],
      // Fields a repository might add later must not reach API clients unnoticed.
      personId: 'internal',
      postcode: 'KB1 2AA',
    },
  ],
  team: [],
  partnershipAreaId: 'internal',
}));
afterAll(() => app.close());

describe('the family API schemas', () => {
  it('fill in the paging defaults and accept the bounds', async () => {
    expect((await app.inject('/query')).json()).toEqual({ limit: 25, offset: 0 });
    expect((await app.inject('/query?limit=100&offset=0')).json()).toEqual({ limit: 100, offset: 0 });
    expect((await app.inject('/query?limit=1')).statusCode).toBe(200);
  });

  it('refuse a limit outside 1 to 100, a negative offset and words', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=2.5', 'limit=many', 'offset=-1']) {
      expect((await app.inject(`/query?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('send only the documented fields of a family, whatever the handler returns', async () => {
    const body = (await app.inject('/detail')).json();
    expect(body).not.toHaveProperty('partnershipAreaId');
    expect(Object.keys(body.members[0]).sort()).toEqual(
      ['dateOfBirth', 'familyName', 'givenName', 'preferredName', 'relationship', 'roles'].sort(),
    );
  });
});
