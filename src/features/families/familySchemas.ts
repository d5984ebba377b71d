import { type Static, Type } from '@fastify/type-provider-typebox';

export const defaultFamilyPageSize = 25;

// Optional so OpenAPI shows them as optional; the validator fills in the defaults.
export const FamilyListQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      default: defaultFamilyPageSize,
      description: 'How many families to return, 1 to 100.',
    }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'How many families to skip.' })),
});
export type FamilyListQuery = Static<typeof FamilyListQuery>;

export const FamilyParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id, from the list.' }),
});

const locality = Type.Union([Type.String(), Type.Null()], {
  description: 'Where the family lives, if recorded.',
});

export const FamilySummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ examples: ['GC-0001'] }),
  name: Type.String(),
  locality,
  memberCount: Type.Integer({ minimum: 0, description: 'Current members of the family.' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const FamilyListSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Open families this token may see, over all pages.' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    families: Type.Array(FamilySummarySchema),
  },
  { description: 'Open families on the token organisation’s caseload, most recently updated first.' },
);
export type FamilyListBody = Static<typeof FamilyListSchema>;

const FamilyMemberSchema = Type.Object({
  givenName: Type.String(),
  familyName: Type.Union([Type.String(), Type.Null()]),
  preferredName: Type.Union([Type.String(), Type.Null()]),
  dateOfBirth: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  relationship: Type.Union([Type.String(), Type.Null()], { description: 'As the family describes it.' }),
  roles: Type.Array(Type.String(), { description: 'Like using_substances or young_carer.' }),
});

export const FamilyDetailSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  name: Type.String(),
  locality,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  memberCount: Type.Integer({ minimum: 0 }),
  updatedAt: Type.String({ format: 'date-time' }),
  members: Type.Array(FamilyMemberSchema),
  team: Type.Array(
    Type.Object({
      organisationId: Type.String({ format: 'uuid' }),
      organisationName: Type.String(),
      joinedOn: Type.String({ format: 'date' }),
    }),
    { description: 'The organisations working with the family now.' },
  ),
});
export type FamilyDetailBody = Static<typeof FamilyDetailSchema>;
