import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createPractice } from '../../testing/fixtures.ts';
import { TestBrowser } from '../../testing/testApp.ts';

/** A grandmother, as the start-a-family form is filled in. */
export const agnesForm = {
  familyRecordName: 'The Reid family',
  givenName: 'Agnes',
  familyName: 'Reid',
  'dateOfBirth-day': '2',
  'dateOfBirth-month': '4',
  'dateOfBirth-year': '1958',
  relationshipLabel: 'Grandmother',
  roles: ['affected_family_member', 'adult_carer'],
  livesInHousehold: 'yes',
  inContactWithServices: 'no',
  safeToPhone: 'yes',
  interpreterNeeded: 'no',
};

/** Helpers for the members page tests: a signed-in practitioner, and a family started through the form. */
export function memberPageHelpers(context: () => { database: Database; app: FastifyInstance }) {
  async function signedIn(roles: Parameters<typeof createPractice>[1] = ['practitioner']) {
    const practice = await createPractice(context().database.db, roles);
    const browser = new TestBrowser(context().app);
    await browser.signIn(practice.user.email);
    return { ...practice, browser };
  }

  async function startFamily(
    browser: TestBrowser,
    localityId: string,
    form: Record<string, string | string[]> = {},
  ) {
    await browser.get('/practice/families/new');
    const response = await browser.post('/practice/families/new', {
      ...agnesForm,
      locality: localityId,
      ...form,
    });
    expect(response.statusCode).toBe(302);
    return response.headers.location?.split('/').pop() as string;
  }

  return { signedIn, startFamily };
}
