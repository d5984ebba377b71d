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
