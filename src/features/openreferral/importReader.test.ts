import { describe, expect, it } from 'vitest';
import { termId } from '../directory/vocabulary.ts';
import { readServices } from './importReader.ts';

const organisation = { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', name: 'Alder', description: 'A charity.' };

function service(changes: Record<string, unknown> = {}) {
  return {
    id: '0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30',
    name: 'Alder family support',
    description: 'Support for families. Come along.',
    status: 'active',
    organization: organisation,
    ...changes,
  };
}

describe('reading services to import', () => {
  it('reads the least a service can have, with Hearth’s defaults', () => {
    const { drafts, problems } = readServices([service()]);
    expect(problems).toEqual([]);
    expect(drafts[0]).toMatchObject({
      organisation: { id: organisation.id, name: 'Alder' },
      values: {
        summary: 'Support for families.',
        languages: ['en'],
        free: true,
        audiences: [],
        status: 'active',
      },
      phones: [],
      locations: [],
    });
  });

  it('reads terms, costs, weekly times and places', () => {
    const link = '6b1f0c2e-8d7a-4e5b-9f3c-1a2b3c4d5e6f';
    const { drafts, problems } = readServices({
      services: [
        service({
          status: 'temporarily closed',
          attributes: [{ id: link, taxonomy_term_id: termId('supportKinds', 'group') }],
          cost_options: [{ id: link, option: 'Charge', amount: 5, amount_description: '£5 a week' }],
          languages: [{ id: link, code: 'PL' }, { id: link }],
          service_at_locations: [
            {
              id: link,
              location: {
                name: 'Hall',
                latitude: 55.9,
                longitude: -4.2,
                addresses: [
                  { address_1: '1 Road', city: 'Town', postal_code: 'gm42lt', address_type: 'physical' },
                ],
              },
            },
          ],
          schedules: [
            {
              freq: 'WEEKLY',
              byday: 'MO,TH',
              opens_at: '09:30',
              closes_at: '12:00',
              service_at_location_id: link,
            },
          ],
        }),
      ],
    });
    expect(problems).toEqual([]);
    const draft = drafts[0];
    expect(draft?.values).toMatchObject({
      status: 'inactive',
      supportKinds: ['group'],
      free: false,
      costNote: '£5 a week',
      languages: ['pl'],
    });
    expect(draft?.locations[0]?.location).toMatchObject({ postcode: 'GM4 2LT', name: 'Hall' });
    const locationId = draft?.locations[0]?.location.id;
    expect(draft?.schedules.map((row) => [row.weekday, row.locationId])).toEqual([
      [1, locationId],
      [4, locationId],
    ]);
  });

  it('names every problem by service and field', () => {
    const { drafts, problems } = readServices([
      service({ name: 7, url: 'alder.example', email: 'nope', minimum_age: 20, maximum_age: 10 }),
      service({ id: 'x', status: 'open', organization: undefined, hearth: { wait_weeks: 2 } }),
      service(),
      service(),
    ]);
    // Only the last two are whole; the last repeats the third's id, which the directory check would refuse.
    expect(drafts).toHaveLength(2);
    expect(problems.map((problem) => `${problem.service} | ${problem.field} | ${problem.reason}`)).toEqual([
      'service 1 (0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30) | name | must be text',
      'service 1 (0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30) | url | must be a web address starting https://',
      'service 1 (0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30) | email | must be an email address',
      'service 1 (0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30) | minimum_age | must not be more than maximum_age',
      'service 2 "Alder family support" (x) | id | must be a UUID',
      'service 2 "Alder family support" (x) | status | must be active, inactive, defunct or temporarily closed',
      'service 2 "Alder family support" (x) | hearth.wait_updated_on | is needed with wait_weeks',
      'service 2 "Alder family support" (x) | organization | is needed: an organization_id or name',
      'service 4 "Alder family support" (0d9b1f8e-3c4a-4b8f-9c11-2b7a6d5e4f30) | id | is the id of an earlier service in the file',
    ]);
  });

  it('refuses a file that is not a list of services', () => {
    expect(readServices({ hello: 1 }).problems).toEqual([
      { service: 'the file', field: '', reason: 'must be a list of services, or hold one in "services"' },
    ]);
  });
});
