import { type Static, Type } from '@fastify/type-provider-typebox';
import { memberRoles } from '../../db/schema.ts';

const text = (description: string, maxLength = 100) =>
  Type.Optional(Type.Union([Type.String({ maxLength, description }), Type.Null()]));
const safe = (way: string) =>
  Type.Optional(
    Type.Union([Type.Boolean(), Type.Null()], {
      description: `Whether it is safe to ${way}; null when not asked yet.`,
    }),
  );
const answer = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')]);

/** A member's details as an API client sends them: the same checks as the pages apply. */
const memberFields = {
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: text('Last name.'),
  preferredName: text('The name they like to be called.'),
  pronouns: text('For example she/her.'),
  dateOfBirth: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  approximateAge: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 120 }), Type.Null()], {
      description: 'When the date of birth is not known; not with dateOfBirth.',
    }),
  ),
  gender: text('In their own words.'),
  ethnicity: text('Only if they want to say.'),
  firstLanguage: text('Their first language.'),
  interpreterNeeded: Type.Optional(Type.Boolean()),
  phone: text('A UK or international phone number.', 30),
  email: text('An email address.', 254),
  address: text(
    'Leave out when withheld from you: a withheld address is never sent and never changed here.',
    500,
  ),
  postcode: text('A UK postcode.', 10),
  addressWithheld: Type.Optional(Type.Boolean({ description: 'Only named workers then see the address.' })),
  safeToPhone: safe('phone them'),
  safeToText: safe('text them'),
  safeToWrite: safe('write to them'),
  safeToVisit: safe('visit them'),
  safeTimes: text('When it is safe to contact them.', 500),
  contactSafetyNote: text('What workers should know before contacting them.', 2000),
  relationshipLabel: text('Who they are in the family, as the family says it: Grandmother, Partner.'),
  roles: Type.Optional(Type.Array(Type.Enum([...memberRoles]), { uniqueItems: true })),
  livesInHousehold: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  inContactWithServices: Type.Optional(answer),
};

export const NewMemberSchema = Type.Object(memberFields, { additionalProperties: false });
export type NewMemberBody = Static<typeof NewMemberSchema>;

export const AddMemberSchema = Type.Union([
  NewMemberSchema,
  Type.Object(
    {
      existingPersonId: Type.String({
        format: 'uuid',
        description: 'Someone you can already see in another family: one person, two families.',
      }),
      relationshipLabel: memberFields.relationshipLabel,
      roles: memberFields.roles,
      livesInHousehold: memberFields.livesInHousehold,
      inContactWithServices: memberFields.inContactWithServices,
    },
    { additionalProperties: false },
  ),
]);
export type AddMemberBody = Static<typeof AddMemberSchema>;

export const MemberPatchSchema = Type.Partial(Type.Object(memberFields), { additionalProperties: false });
export type MemberPatchBody = Static<typeof MemberPatchSchema>;

export const StartFamilySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, examples: ['The Reid family'] }),
    localityId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    firstMember: NewMemberSchema,
  },
  { additionalProperties: false },
);
export type StartFamilyBody = Static<typeof StartFamilySchema>;

export const MemberParams = Type.Object({
  familyId: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
});

const nullableString = Type.Union([Type.String(), Type.Null()]);

const SupportSchema = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  status: Type.Union([Type.Literal('not_started'), Type.Literal('being_supported'), Type.Literal('closed')]),
  closedReason: nullableString,
  workerName: nullableString,
  confidential: Type.Boolean(),
});

export const MemberSummarySchema = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  age: Type.Union([Type.Integer(), Type.Null()]),
  ageApproximate: Type.Boolean(),
  roles: Type.Array(Type.String()),
  relationshipLabel: nullableString,
  livesInHousehold: Type.Union([Type.Boolean(), Type.Null()]),
  notSafeTo: Type.Array(Type.String(), {
    description: 'Ways of contact marked not safe: phone, text, write, visit.',
  }),
  support: Type.Array(SupportSchema, {
    description: 'Support you may see: others’ confidential support is left out.',
  }),
});

export const MemberListSchema = Type.Object({
  familyId: Type.String({ format: 'uuid' }),
  members: Type.Array(MemberSummarySchema),
});

export const MemberSchema = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  familyId: Type.String({ format: 'uuid' }),
  givenName: Type.String(),
  familyName: nullableString,
  preferredName: nullableString,
  pronouns: nullableString,
  dateOfBirth: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  approximateAge: Type.Union([Type.Integer(), Type.Null()]),
  gender: nullableString,
  ethnicity: nullableString,
  firstLanguage: nullableString,
  interpreterNeeded: Type.Boolean(),
  phone: nullableString,
  email: nullableString,
  address: Type.Union([Type.String(), Type.Null()], {
    description: 'Null when there is none or it is withheld from you.',
  }),
  postcode: nullableString,
  addressWithheld: Type.Boolean(),
  addressShown: Type.Boolean({ description: 'False when the address is withheld from you.' }),
  safeToPhone: Type.Union([Type.Boolean(), Type.Null()]),
  safeToText: Type.Union([Type.Boolean(), Type.Null()]),
  safeToWrite: Type.Union([Type.Boolean(), Type.Null()]),
  safeToVisit: Type.Union([Type.Boolean(), Type.Null()]),
  safeTimes: nullableString,
  contactSafetyNote: nullableString,
  relationshipLabel: nullableString,
  roles: Type.Array(Type.String()),
  livesInHousehold: Type.Union([Type.Boolean(), Type.Null()]),
  inContactWithServices: answer,
  memberSince: Type.String({ format: 'date' }),
  support: Type.Array(SupportSchema),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type MemberBody = Static<typeof MemberSchema>;

export const StartedFamilySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ examples: ['GC-0064'] }),
  personId: Type.String({ format: 'uuid', description: 'The first member.' }),
});
