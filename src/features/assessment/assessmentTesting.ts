import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { consent, familyMembership, memberSupport, person } from '../../db/schema.ts';
import { teamScenario } from '../consent/consentTeamTesting.ts';

/**
 * The team scenario (home supports Agnes and Callum, partner sees them by
 * consent, outsider is not on the team) with a child, Mia, aged 11: home
 * supports her and she has agreed to share with partner.
 */
export async function assessmentScenario(database: Database) {
  const s = await teamScenario(database);
  const db = database.db;
  const [mia] = await db
    .insert(person)
    .values({ givenName: 'Mia', familyName: 'Testfamily', dateOfBirth: '2015-01-20' })
    .returning();
  if (!mia) throw new Error('no child');
  await db.insert(familyMembership).values({
    familyId: s.family.id,
    personId: mia.id,
    relationshipLabel: 'Granddaughter',
    roles: ['child_or_young_person', 'young_carer'],
  });
  await db.insert(memberSupport).values({
    familyId: s.family.id,
    personId: mia.id,
    organisationId: s.home.id,
    status: 'being_supported',
  });
  await db.insert(consent).values(
    [s.home.id, s.partner.id].map((organisationId) => ({
      familyId: s.family.id,
      personId: mia.id,
      organisationId,
      status: 'given' as const,
      scope: 'Share with the team around the family',
      method: 'verbal' as const,
    })),
  );
  return { ...s, mia };
}

/** Marks a member's support with home as confidential to home. */
export async function makeConfidential(
  database: Database,
  familyId: string,
  personId: string,
  organisationId: string,
) {
  await database.db
    .update(memberSupport)
    .set({ confidential: true })
    .where(
      and(
        eq(memberSupport.familyId, familyId),
        eq(memberSupport.personId, personId),
        eq(memberSupport.organisationId, organisationId),
      ),
    );
}

/** The id of a section on an assessment page, found by the member's name in its "Read the section" link. */
export function sectionIdFor(body: string, name: string): string {
  const pattern = new RegExp(
    `sections/([0-9a-f-]{36})">Read the section<span class="govuk-visually-hidden"> for ${name}`,
  );
  const match = pattern.exec(body);
  if (!match?.[1]) throw new Error(`no section for ${name}`);
  return match[1];
}

/** The hidden edit-version fields of the last form on a page. */
export function editFieldsOf(body: string): { _version: string; _base: string } {
  const version = /name="_version" value="(\d+)"/.exec(body)?.[1];
  const base = /name="_base" value="([^"]*)"/.exec(body)?.[1];
  if (version === undefined || base === undefined) throw new Error('no edit version on the page');
  return {
    _version: version,
    _base: base.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&#39;', "'"),
  };
}
