import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('the API documentation', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('publishes OpenAPI 3 for the /api/v1 routes only, with the bearer token scheme', async () => {
    const response = await app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    // Every feature adds its own paths; all of them, and only they, are under /api/v1.
    const paths = Object.keys(spec.paths);
    expect(paths.filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/families',
        '/api/v1/families/{familyId}',
        '/api/v1/me',
        '/api/v1/families/{familyId}/relationships',
        '/api/v1/families/{familyId}/relationships/{relationshipId}',
        '/api/v1/referrals',
        '/api/v1/referrals/{referralId}',
        '/api/v1/referrals/{referralId}/moves',
      ]),
    );
    expect(spec.components.securitySchemes).toEqual({
      apiToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(spec.security).toEqual([{ apiToken: [] }]);
  });

  it('documents the paging parameters, their limits and the problem responses', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    const list = spec.paths['/api/v1/families'].get;
    const limit = list.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({
      in: 'query',
      required: false,
      schema: { minimum: 1, maximum: 100, default: 25 },
    });
    expect(Object.keys(list.responses)).toEqual(['200', '400', '401']);
    expect(list.responses['401'].content).toHaveProperty('application/problem+json');
    expect(spec.paths['/api/v1/families/{familyId}'].get.responses).toHaveProperty('404');
  });

  it('serves Swagger UI under the app’s CSP, which allows no inline script or style', async () => {
    const page = await app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.body).not.toMatch(/<style/);
    const initializer = await app.inject('/api/docs/static/swagger-initializer.js');
    expect(initializer.statusCode).toBe(200);
    expect(initializer.body).toContain('BaseLayout');
  });
});
