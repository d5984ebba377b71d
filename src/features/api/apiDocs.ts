import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const icon = fs.readFileSync(path.join(root, 'src/platform/views/assets/hearth-icon.svg'));

export const bearerSchemeName = 'apiToken';

/**
 * OpenAPI 3 built from the route schemas registered after this, served as
 * JSON at /api/openapi.json and browsable at /api/docs. Only /api/v1 routes
 * are documented; pages are not part of the API.
 */
export async function setUpApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Hearth API',
        version: '1.0.0',
        description: [
          'Family records for the systems of Hearth’s member organisations.',
          '',
          'Every call needs an API token, sent as `Authorization: Bearer <token>`. An organisation ' +
            'admin issues tokens under [Admin, API tokens](/admin/api-tokens). A token acts for its ' +
            'organisation and sees what that organisation’s practitioners see; every read is audited.',
          '',
          'Errors are [RFC 9457 problem details](https://www.rfc-editor.org/rfc/rfc9457) ' +
            '(`application/problem+json`). [Back to Hearth](/)',
        ].join('\n'),
      },
      servers: [{ url: '/', description: 'This Hearth' }],
      components: {
        securitySchemes: {
          [bearerSchemeName]: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token, like hearth_… , sent as Authorization: Bearer <token>.',
          },
        },
      },
      security: [{ [bearerSchemeName]: [] }],
      tags: [
        { name: 'Token', description: 'Check the token you are using' },
        { name: 'Families', description: 'The families your organisation works with' },
        { name: 'Consent', description: 'Each member’s consent to share with each organisation on the team' },
        { name: 'Team', description: 'The team around the family and its lead professional' },
        { name: 'Search', description: 'Find families by a member’s name, date of birth or postcode' },
        { name: 'Chronology', description: 'Significant events in a family’s life, newest first' },
        {
          name: 'Referrals',
          description: 'Referring to any service in the directory, and following each referral',
        },
      ],
    },
    transform: ({ schema, url }) => ({
      url,
      schema: url.startsWith('/api/v1/') ? schema : { ...schema, hide: true },
    }),
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Swagger UI's page loads only its own script files, so it runs under the
  // app's CSP unchanged. BaseLayout leaves out the top bar, whose Swagger logo
  // carries an inline <style> the CSP would block, and whose box for loading
  // other specifications Hearth does not need.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    theme: {
      title: 'Hearth API documentation',
      favicon: [
        { filename: 'hearth-icon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: icon },
      ],
    },
    uiConfig: { layout: 'BaseLayout', deepLinking: true, defaultModelsExpandDepth: 0 },
  });
}
