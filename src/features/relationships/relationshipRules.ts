import type { RelationshipKind } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { RelationshipInput } from './relationshipForm.ts';

/** A current member as the rules see them: a name to put in messages and what is known of their birth. */
export interface MemberFacts {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  approximateAge: number | null;
  approximateAgeOn: string | null;
}

interface Birth {
  earliest: number;
  latest: number;
}

const day = 86_400_000;

/** When someone was born, as a range: exact from a date of birth, a year wide from an approximate age. */
export function birthRange(member: MemberFacts): Birth | undefined {
  if (member.dateOfBirth) {
    const born = Date.parse(`${member.dateOfBirth}T00:00:00Z`);
    return { earliest: born, latest: born };
  }
  if (member.approximateAge !== null && member.approximateAgeOn) {
    const on = new Date(`${member.approximateAgeOn}T00:00:00Z`);
    const latest = Date.UTC(on.getUTCFullYear() - member.approximateAge, on.getUTCMonth(), on.getUTCDate());
    const earliest =
      Date.UTC(on.getUTCFullYear() - member.approximateAge - 1, on.getUTCMonth(), on.getUTCDate()) + day;
    return { earliest, latest };
  }
  return undefined;
}

/** Kinds where the first person must be the older one. */
const olderFirst: Partial<Record<RelationshipKind, string>> = {
  parent_of: 'parent',
  grandparent_of: 'grandparent',
};

/**
 * Problems only the family's record can show: both people must be current
 * members the user may see; a parent or grandparent must be born before the
 * child by the dates given; the same kind of relationship between the same
 * two people may be recorded once, whichever way round.
 */
export function familyProblems(
  input: RelationshipInput,
  members: readonly MemberFacts[],
  existing: readonly { fromPersonId: string; toPersonId: string; kind: RelationshipKind }[],
  fields: { from: string; to: string },
): FieldErrors {
  const errors: FieldErrors = {};
  const from = members.find((m) => m.personId === input.fromPersonId);
  const to = members.find((m) => m.personId === input.toPersonId);
  const selectMember = 'Select someone who is a current member of this family';
  // The form's first and second person may be stored the other way round ("child of").
  if (!from) errors[input.fromPersonId === fields.from ? 'from' : 'to'] = selectMember;
  if (!to) errors[input.toPersonId === fields.to ? 'to' : 'from'] = selectMember;
  if (!from || !to) return errors;

  const older = olderFirst[input.kind];
  const fromBirth = birthRange(from);
  const toBirth = birthRange(to);
  if (older && fromBirth && toBirth && fromBirth.earliest >= toBirth.latest) {
    errors.relation = `By the dates of birth given, ${to.name} is not younger than ${from.name}, so ${from.name} cannot be their ${older}. Check the dates of birth or how they are related`;
  }

  const duplicate = existing.some(
    (r) =>
      r.kind === input.kind &&
      ((r.fromPersonId === input.fromPersonId && r.toPersonId === input.toPersonId) ||
        (r.fromPersonId === input.toPersonId && r.toPersonId === input.fromPersonId)),
  );
  // A parent said to be younger than their child is the more useful message, so it wins.
  if (duplicate && !errors.relation)
    errors.relation = `This relationship between ${from.name} and ${to.name} is already recorded. Change the one recorded instead`;
  return errors;
}
