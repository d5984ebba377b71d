import { Type } from '@fastify/type-provider-typebox';
import { attendanceModes, facilitatorKinds, groupKinds } from '../../db/schemaSupport.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Enum([...values], { description });

export const GroupParams = Type.Object({ groupId: uuid('The group’s id.') });

const GroupSchema = Type.Object({
  id: uuid(),
  name: Type.String(),
  kind: literals(groupKinds, 'Family support group, young people’s group, programme group or mutual aid.'),
  programmeId: nullable(uuid('For a programme group: the programme it delivers.')),
  forWhom: Type.String({ description: 'Who the group is for, in plain words.' }),
  location: Type.String(),
  meets: Type.String({ description: 'When it meets, in plain words.' }),
  weekday: nullable(
    Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 Monday to 7 Sunday.' }),
  ),
  capacity: nullable(
    Type.Integer({ description: 'Most people at a session; a register over it is allowed.' }),
  ),
  attendance: literals(
    attendanceModes,
    'named: members linked to family records only; first_name: first names too; anonymous: a count of people not named too.',
  ),
  active: Type.Boolean(),
  facilitators: Type.Array(
    Type.Object({
      userId: nullable(uuid('The Hearth user, or null for someone who does not use Hearth.')),
      name: Type.String(),
      kind: literals(facilitatorKinds, 'Paid, volunteer or peer.'),
    }),
  ),
});

export const GroupListSchema = Type.Object(
  { groups: Type.Array(GroupSchema) },
  { description: 'The groups the token’s organisation runs.' },
);

const SessionSchema = Type.Object({
  id: uuid(),
  heldOn: Type.String({ format: 'date' }),
  startsAt: nullable(Type.String({ description: 'Start time, HH:MM.' })),
  topic: nullable(Type.String()),
  notes: nullable(Type.String()),
  attendees: Type.Array(Type.Object({ personId: uuid(), familyId: uuid() }), {
    description: 'Members linked to their family record that this token may see.',
  }),
  hiddenMembers: Type.Integer({
    description: 'Linked members this token may no longer see: counted, not named.',
  }),
  firstNames: Type.Array(Type.String()),
  anonymousCount: Type.Integer(),
  total: Type.Integer({
    description: 'Everyone who came: linked members, first names and the anonymous count.',
  }),
  overCapacity: Type.Boolean(),
});

export const SessionListSchema = Type.Object({ sessions: Type.Array(SessionSchema) });

export const NewSessionSchema = Type.Object(
  {
    heldOn: Type.String({
      format: 'date',
      description: 'Today or earlier: attendance is recorded after a session.',
    }),
    startsAt: Type.Optional(Type.String({ maxLength: 10, description: 'Start time, like 19:30.' })),
    topic: Type.Optional(Type.String({ maxLength: 500 })),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    attendees: Type.Array(Type.Object({ personId: uuid(), familyId: uuid() }), {
      maxItems: 500,
      description: 'Members who came, each a member of that family whom this token may see.',
    }),
    firstNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
    anonymousCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const CreatedSessionSchema = Type.Object({
  id: uuid(),
  total: Type.Integer(),
  overCapacity: Type.Boolean({
    description: 'True when more came than the group’s capacity: saved, and flagged.',
  }),
});
