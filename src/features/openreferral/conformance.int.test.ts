// Checks every endpoint's answers against the Open Referral UK schemas, read
// from ../shared/data/openreferral/oruk/schema beside the repository when that
// folder is there (nothing of them is copied into Hearth). Without it, skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryExport } from '../../cli/directory.ts';
import { migrate } from '../../db/migrate.ts';
import { testApp } from '../../testing/testApp.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { taxonomyId, termId } from '../directory/vocabulary.ts';
import { orukScenario } from './orukTesting.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schemaFolder = path.resolve(repoRoot, '../shared/data/openreferral/oruk/schema');
const present = fs.existsSync(path.join(schemaFolder, 'openapi.json'));
/** Where the ORUK openapi document says its schemas live: each local file is registered under that address. */
const remote = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

type Schema = Record<string, unknown>;
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(schemaFolder, file), 'utf8')) as Schema;

/** The schema with `#/components/...` references replaced by what they point at in the openapi document. */
function inline(value: unknown, openapi: Schema): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, openapi));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as Schema).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema)[key], openapi);
    return inline(target, openapi);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inline(item, openapi)]));
}

describe.skipIf(!present)(
  present
    ? 'conformance to the Open Referral UK schemas'
    : `conformance to the Open Referral UK schemas: SKIPPED, no schemas at ${schemaFolder}`,
  () => {
    let handle: Awaited<ReturnType<typeof ownDatabase>>;
    let app: FastifyInstance;
    let s: Awaited<ReturnType<typeof orukScenario>>;
    let openapi: Schema;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its function is the default export's default.
    const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (
      ajv: Ajv2020,
    ) => Ajv2020;
    addFormats(ajv);

    beforeAll(async () => {
      openapi = readJson('openapi.json');
      const files = [
        ...fs.readdirSync(schemaFolder).filter((file) => file.endsWith('.json') && file !== 'openapi.json'),
        ...fs.readdirSync(path.join(schemaFolder, 'compiled')).map((file) => `compiled/${file}`),
      ];
      for (const file of files) ajv.addSchema({ ...readJson(file), $id: `${remote}${file}` });
      handle = await ownDatabase('oruk_conformance');
      await migrate(handle.database);
      s = await orukScenario(handle.database.db);
      app = await testApp(handle.database);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await handle?.drop();
    });

    /** The ORUK response schema of a path, every field of its page required as Hearth gives them all. */
    function responseSchema(orukPath: string): Schema {
      const paths = openapi.paths as Record<string, { get: { responses: Record<string, Schema> } }>;
      const content = paths[orukPath]?.get.responses['200']?.content as Record<string, { schema: Schema }>;
      const schema = inline(content['application/json']?.schema, openapi) as Schema;
      if (!orukPath.includes('{') && orukPath !== '/') {
        const page = openapi.components as { schemas: { Page: { properties: Schema } } };
        return { ...schema, required: [...Object.keys(page.schemas.Page.properties), 'contents'] };
      }
      return schema;
    }

    function expectValid(schema: Schema, body: unknown, label: string) {
      const validate = ajv.compile(schema);
      const valid = validate(body);
      expect(
        valid
          ? []
          : (validate.errors ?? []).map(
              (error: ErrorObject) => `${label}${error.instancePath} ${error.message}`,
            ),
      ).toEqual([]);
    }

    async function check(url: string, orukPath: string, expectItems = true) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const body = response.json() as { contents?: unknown[] };
      if (expectItems && body.contents) expect(body.contents.length, url).toBeGreaterThan(0);
      expectValid(responseSchema(orukPath), body, url);
    }

    it('GET / answers as ORUK describes', async () => {
      await check('/openreferral/', '/');
    });

    it('GET /services answers pages of ORUK services', async () => {
      await check('/openreferral/services', '/services');
      await check('/openreferral/services?per_page=1&page=2', '/services');
      await check(`/openreferral/services?taxonomy_term_id=${termId('programmes', 'craft')}`, '/services');
      await check('/openreferral/services?page=9', '/services', false);
    });

    it('GET /services/{id} gives fully nested ORUK services, full and minimal', async () => {
      for (const service of [s.rich, s.minimal, s.inactive, s.young])
        await check(`/openreferral/services/${service.id}`, '/services/{id}');
      // The validator does refuse what ORUK does not allow.
      const validate = ajv.compile(responseSchema('/services/{id}'));
      expect(validate({ id: s.rich.id, name: 'x', status: 'open' })).toBe(false);
      expect(validate({ id: 'not-a-uuid', name: 'x', status: 'active' })).toBe(false);
    });

    it('GET /service_at_locations answers pages of ORUK services at locations', async () => {
      await check('/openreferral/service_at_locations', '/service_at_locations');
      await check(
        '/openreferral/service_at_locations?postcode=GM42LT&proximity=5000',
        '/service_at_locations',
      );
    });

    it('GET /taxonomies and /taxonomy_terms answer ORUK taxonomies and terms', async () => {
      await check('/openreferral/taxonomies', '/taxonomies');
      await check(`/openreferral/taxonomies/${taxonomyId('audiences')}`, '/taxonomies/{id}');
      await check('/openreferral/taxonomy_terms?per_page=100', '/taxonomy_terms');
      await check(`/openreferral/taxonomy_terms?taxonomy_id=${taxonomyId('delivery')}`, '/taxonomy_terms');
      await check(`/openreferral/taxonomy_terms/${termId('audiences', 'parent')}`, '/taxonomy_terms/{id}');
    });

    it('the export holds ORUK services', async () => {
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-oruk-conformance-')),
        'export.json',
      );
      await directoryExport(handle.database, file, { out: () => {}, err: () => {} });
      const services = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
      expect(services).toHaveLength(4);
      const schema = responseSchema('/services/{id}');
      services.forEach((service, index) => {
        expectValid(schema, service, `export[${index}]`);
      });
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  },
);
