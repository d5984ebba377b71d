import { type Static, Type } from '@fastify/type-provider-typebox';

const uuid = Type.String({ format: 'uuid' });
const nullableString = Type.Union([Type.String(), Type.Null()]);

export const AssessmentParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id.' }),
});

export const ContributionParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id.' }),
  sectionId: Type.String({ format: 'uuid', description: 'The section’s id.' }),
});

const Answers = Type.Record(Type.String(), nullableString, {
  description:
    'Question name to answer text (null when not answered). Ratings are doing_well, some_concerns or significant_concerns.',
});

export const ContributionBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 0,
      description: 'The contribution’s version when you read it; 0 when your organisation has none yet.',
    }),
    answers: Answers,
  },
  { additionalProperties: false },
);
export type ContributionBody = Static<typeof ContributionBody>;

export const SavedContributionSchema = Type.Object({ sectionId: uuid, saved: Type.Literal(true) });

const Contribution = Type.Object({
  id: uuid,
  organisation: Type.String(),
  writtenBy: nullableString,
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Send this back when you change the contribution.' }),
  answers: Answers,
});

const Section = Type.Object({
  id: uuid,
  kind: Type.Union([Type.Literal('family'), Type.Literal('child'), Type.Literal('adult')]),
  personId: Type.Union([uuid, Type.Null()], { description: 'Null for the whole-family section.' }),
  name: Type.String(),
  contributions: Type.Array(Contribution),
});

const Concern = Type.Object({
  id: uuid,
  kind: Type.String(),
  personId: Type.Union([uuid, Type.Null()]),
  description: Type.String(),
  actionTaken: Type.String(),
  actionOn: Type.String({ format: 'date' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  version: Type.Integer({ description: 'Send this back when you close the concern.' }),
});

const CarerOffer = Type.Object({
  personId: uuid,
  kind: Type.String(),
  outcome: Type.String(),
  decidedOn: Type.String({ format: 'date' }),
});

export const AssessmentSchema = Type.Object({
  familyId: uuid,
  assessment: Type.Union([
    Type.Object({
      id: uuid,
      version: Type.Integer({ description: 'The assessment’s version number: 1, 2, …' }),
      status: Type.Union([Type.Literal('draft'), Type.Literal('completed'), Type.Literal('superseded')]),
      startedAt: Type.String({ format: 'date-time' }),
      completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      sections: Type.Array(Section),
    }),
    Type.Null(),
  ]),
  concerns: Type.Array(Concern),
  carerOffers: Type.Array(CarerOffer),
});

export const ConcernParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id.' }),
  concernId: Type.String({ format: 'uuid', description: 'The concern’s id.' }),
});

export const NewConcernBody = Type.Object(
  {
    kind: Type.Union(
      [
        Type.Literal('child_protection'),
        Type.Literal('domestic_abuse'),
        Type.Literal('adult_support_protection'),
        Type.Literal('mental_health_crisis'),
      ],
      { description: 'The kind of risk or protection concern.' },
    ),
    personId: Type.Union([uuid, Type.Null()], {
      description: 'The member it is about; null for the whole family.',
    }),
    description: Type.String({ maxLength: 2000 }),
    actionTaken: Type.String({
      maxLength: 500,
      description: 'What was done, for example “Child protection referral made”.',
    }),
    actionOn: Type.String({ format: 'date', description: 'When it was done: not in the future.' }),
  },
  { additionalProperties: false },
);
export type NewConcernBody = Static<typeof NewConcernBody>;

export const ConcernChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The concern’s version when you read it.' }),
    status: Type.Literal('closed', { description: 'A concern can be closed; it stays in the record.' }),
    closedOn: Type.Optional(Type.String({ format: 'date', description: 'Defaults to today.' })),
  },
  { additionalProperties: false },
);
export type ConcernChangeBody = Static<typeof ConcernChangeBody>;

export const NewCarerOfferBody = Type.Object(
  {
    personId: Type.String({
      format: 'uuid',
      description: 'The carer: a member recorded as an adult or young carer.',
    }),
    kind: Type.Union([Type.Literal('adult_carer_support_plan'), Type.Literal('young_carer_statement')]),
    outcome: Type.Union([Type.Literal('offered'), Type.Literal('accepted'), Type.Literal('declined')]),
    decidedOn: Type.String({ format: 'date', description: 'Not in the future.' }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewCarerOfferBody = Static<typeof NewCarerOfferBody>;

export const RecordedSchema = Type.Object({ id: uuid });
export const ClosedConcernSchema = Type.Object({ id: uuid, status: Type.Literal('closed') });
