import { type Static, Type } from '@fastify/type-provider-typebox';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const dayOrMonth = Type.String({
  pattern: '^\\d{4}-\\d{2}(-\\d{2})?$',
  description: 'A day (2025-03-27) or, when only the month is known, a month (2025-03).',
});

const Kind = Type.Union(
  [Type.Literal('event'), Type.Literal('strength'), Type.Literal('turning_point'), Type.Literal('concern')],
  { description: 'Strengths and turning points as well as events and concerns.' },
);

export const ChronologyParams = Type.Object({
  familyId: Type.String({ format: 'uuid', description: 'The family’s id.' }),
});

export const ChronologyQuery = Type.Object({
  member: Type.Optional(Type.String({ format: 'uuid', description: 'Only entries about this member.' })),
  impact: Type.Optional(
    Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('neutral')]),
  ),
  kind: Type.Optional(Kind),
});
export type ChronologyQuery = Static<typeof ChronologyQuery>;

export const ChronologyEntrySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: nullable(
    Type.String({ format: 'uuid', description: 'The member it is about; null for the whole family.' }),
  ),
  occurredOn: Type.String({ format: 'date' }),
  occurredUntil: nullable(Type.String({ format: 'date', description: 'The last day, for a period.' })),
  datePrecision: Type.Union([Type.Literal('day'), Type.Literal('month')], {
    description: 'month: only the month is known; occurredOn is its first day and occurredUntil a last day.',
  }),
  kind: Kind,
  what: Type.String({ description: 'What happened, plainly and factually. Families may read it.' }),
  source: nullable(Type.String()),
  impact: Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('neutral')]),
  actionTaken: nullable(Type.String()),
  automatic: Type.Boolean({ description: 'Recorded by Hearth itself (a member added, consent changed…).' }),
  organisationOnly: Type.Boolean({ description: 'Seen only by the organisation that recorded it.' }),
  recordedBy: nullable(Type.String({ description: 'The worker and organisation, or "Hearth".' })),
});

export const ChronologyListSchema = Type.Object(
  { familyId: Type.String({ format: 'uuid' }), entries: Type.Array(ChronologyEntrySchema) },
  { description: 'The entries this token may see, newest first.' },
);
export type ChronologyListBody = Static<typeof ChronologyListSchema>;

export const NewChronologyEntrySchema = Type.Object(
  {
    personId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
    occurredOn: dayOrMonth,
    occurredUntil: Type.Optional(nullable(dayOrMonth)),
    kind: Kind,
    what: Type.String({ minLength: 1, maxLength: 2000 }),
    source: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    impact: Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('neutral')]),
    actionTaken: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    organisationOnly: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type NewChronologyEntryBody = Static<typeof NewChronologyEntrySchema>;

export const CreatedSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
