import { Type } from '@fastify/type-provider-typebox';

const uuid = Type.String({ format: 'uuid' });
const isoDate = Type.String({ format: 'date', examples: ['2027-03-27'] });
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const FamilyIdParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id.' }),
});

export const ConsentStateSchema = Type.Union(
  [Type.Literal('given'), Type.Literal('refused'), Type.Literal('withdrawn'), Type.Literal('not_asked')],
  { description: 'not_asked: no consent recorded with this organisation yet.' },
);

export const ConsentListSchema = Type.Object(
  {
    members: Type.Array(
      Type.Object({
        personId: uuid,
        name: Type.String(),
        reviewDue: Type.Boolean(),
        consents: Type.Array(
          Type.Object({
            organisationId: uuid,
            organisationName: Type.String(),
            state: ConsentStateSchema,
            supports: Type.Boolean({
              description: 'The organisation supports this member, so sees them whatever the consent.',
            }),
            scope: nullable(Type.String()),
            method: Type.Union([Type.Literal('verbal'), Type.Literal('written'), Type.Null()]),
            ownView: nullable(Type.String({ description: 'A child’s or young person’s own view.' })),
            recordedAt: nullable(Type.String({ format: 'date-time' })),
            reviewOn: nullable(isoDate),
            reviewDue: Type.Boolean(),
            withdrawnAt: nullable(Type.String({ format: 'date-time' })),
          }),
        ),
      }),
    ),
  },
  { description: 'Each member you may see, and their consent to share with each organisation on the team.' },
);

export const ConsentBody = Type.Object({
  personId: uuid,
  organisationId: uuid,
  status: Type.Union([Type.Literal('given'), Type.Literal('refused')]),
  scope: Type.String({ minLength: 1, maxLength: 500, description: 'What was agreed or refused.' }),
  method: Type.Optional(
    Type.Union([Type.Literal('verbal'), Type.Literal('written')], { description: 'Required when given.' }),
  ),
  ownView: Type.Optional(Type.String({ maxLength: 2000 })),
  reviewOn: Type.Optional(isoDate),
});

export const WithdrawBody = Type.Object({ personId: uuid, organisationId: uuid });

export const ConsentSavedSchema = Type.Object({
  id: uuid,
  action: Type.Union([Type.Literal('created'), Type.Literal('amended')]),
});

const teamOrganisation = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The team spell’s id: use it to record leaving.' }),
  organisationId: uuid,
  organisationName: Type.String(),
  role: nullable(Type.String()),
  contact: nullable(Type.String()),
  joinedOn: isoDate,
  leftOn: nullable(isoDate),
});

const leadSpell = Type.Object({
  userId: uuid,
  name: Type.String(),
  organisationId: uuid,
  organisationName: Type.String(),
  startedOn: isoDate,
  endedOn: nullable(isoDate),
  handoverNote: nullable(Type.String()),
  handedOverByName: nullable(Type.String()),
});

export const TeamSchema = Type.Object({
  organisations: Type.Array(teamOrganisation),
  workers: Type.Array(
    Type.Object({
      id: uuid,
      userId: uuid,
      name: Type.String(),
      organisationId: uuid,
      organisationName: Type.String(),
      personId: Type.Union([uuid, Type.Null()], {
        description: 'The member they work with, when you may see them.',
      }),
      forOneMember: Type.Boolean({ description: 'Named for one member rather than the whole family.' }),
      role: Type.String(),
      contact: nullable(Type.String()),
      joinedOn: isoDate,
      leftOn: nullable(isoDate),
    }),
  ),
  lead: Type.Union([leadSpell, Type.Null()]),
  leadHistory: Type.Array(leadSpell),
});

export const JoinBody = Type.Object({
  organisationId: uuid,
  memberIds: Type.Array(uuid, { minItems: 1, description: 'The members the organisation will work with.' }),
  role: Type.Optional(Type.String({ maxLength: 200 })),
  contact: Type.Optional(Type.String({ maxLength: 200 })),
  joinedOn: Type.Optional(isoDate),
});

export const LeaveParams = Type.Object({ familyId: uuid, teamMemberId: uuid });
export const LeaveBody = Type.Object({ leftOn: Type.Optional(isoDate) });

export const HandoverBody = Type.Object({
  userId: uuid,
  handoverNote: Type.String({ minLength: 1, maxLength: 2000 }),
  startedOn: Type.Optional(isoDate),
});

export const CreatedSchema = Type.Object({ id: uuid });
