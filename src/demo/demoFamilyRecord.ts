// Support and consent rows for the demo families: who each organisation on
// the team works with, and what each member has agreed to share.
import type { ConsentStatus, SupportStatus } from '../db/schema.ts';
import type { GeneratedMember, Random } from './familyGenerator.ts';

interface TeamRow {
  organisationId: string;
  leadWorkerId: string | null;
}

/** The first organisation on the team supports every member; adults are being supported, others not yet. */
export function demoSupport(
  familyId: string,
  people: { id: string }[],
  members: GeneratedMember[],
  team: TeamRow[],
  startedOn: string,
) {
  const [first] = team;
  if (!first) return [];
  return people.map((p, i) => {
    const adult = !(members[i]?.roles ?? []).includes('child_or_young_person');
    const status: SupportStatus = adult ? 'being_supported' : 'not_started';
    return {
      familyId,
      personId: p.id,
      organisationId: first.organisationId,
      status,
      workerId: adult ? first.leadWorkerId : null,
      startedOn: adult ? startedOn : null,
    };
  });
}

/** Each member's consent for each organisation on the team; about one in twelve has refused one of the others. */
export function demoConsent(random: Random, familyId: string, people: { id: string }[], team: TeamRow[]) {
  return team.flatMap((t, index) =>
    people.map((p) => {
      const status: ConsentStatus = index > 0 && random() < 0.08 ? 'refused' : 'given';
      return {
        familyId,
        personId: p.id,
        organisationId: t.organisationId,
        status,
        scope: 'Share information with the team around the family',
        method: status === 'given' ? (random() < 0.5 ? ('verbal' as const) : ('written' as const)) : null,
      };
    }),
  );
}
