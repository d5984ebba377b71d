import { Type } from '@fastify/type-provider-typebox';

export const FamilySearchQuerySchema = Type.Object({
  name: Type.Optional(
    Type.String({ maxLength: 100, description: 'Any part of a member’s name; spelling need not be exact.' }),
  ),
  dateOfBirth: Type.Optional(Type.String({ format: 'date', description: 'A member’s date of birth.' })),
  postcode: Type.Optional(
    Type.String({ maxLength: 10, description: 'A member’s full postcode, any spacing.' }),
  ),
  reference: Type.Optional(Type.String({ maxLength: 40, description: 'The family’s reference.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
});

const nullableString = Type.Union([Type.String(), Type.Null()]);

export const FamilySearchSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Families found that this token may see.' }),
    families: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        reference: Type.String(),
        name: Type.String(),
        status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
        locality: nullableString,
        matches: Type.Array(
          Type.Object({
            personId: Type.String({ format: 'uuid' }),
            givenName: Type.String(),
            familyName: nullableString,
            preferredName: nullableString,
            dateOfBirth: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
            current: Type.Boolean({ description: 'False when the person has left this family.' }),
          }),
        ),
      }),
    ),
  },
  {
    description:
      'The closest families first; only families and members this token may see are read or counted.',
  },
);
