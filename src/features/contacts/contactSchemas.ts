import { type Static, Type } from '@fastify/type-provider-typebox';
import { contactChannels, contactKinds, contactOutcomes } from '../../db/schema.ts';
import { maxFollowUp, maxMinutes, maxNotes } from './contactForm.ts';
import { contactTopicCodes } from './contactTopics.ts';

const nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

const Kind = literals(
  contactKinds,
  'One-to-one, whole-family, joint with another agency, or information and guidance.',
);
const Channel = literals(contactChannels, 'How the contact took place.');
const Outcome = literals(
  contactOutcomes,
  'Whether it went ahead: a contact in the future cannot be attended.',
);
const Topic = literals(contactTopicCodes, 'A topic from Hearth’s list.');

export const ContactParams = Type.Object({ familyId: uuid('The family’s id.') });

export const ContactQuery = Type.Object({
  member: Type.Optional(uuid('Only contacts with this member.')),
});

export const ContactSchema = Type.Object({
  id: uuid(),
  occurredAt: Type.String({ format: 'date-time' }),
  kind: Kind,
  jointOrganisation: nullable(Type.String({ description: 'The other agency, for a joint contact.' })),
  channel: Channel,
  durationMinutes: nullable(Type.Integer({ description: 'The length in minutes, when recorded.' })),
  outcome: Outcome,
  memberIds: Type.Array(uuid(), { description: 'The members it was with that this token may see.' }),
  organisation: Type.String({ description: 'The organisation that held it.' }),
  worker: Type.String({ description: 'The worker who held it.' }),
  confidential: Type.Boolean({ description: 'The notes are confidential to the member’s own worker.' }),
  significant: Type.Boolean({ description: 'It is in the family’s chronology.' }),
  enrolmentId: nullable(uuid('The programme enrolment it counts toward.')),
  detailsVisible: Type.Boolean({
    description:
      'False when the topics, notes and follow-up are hidden from this token (they are then null).',
  }),
  topics: Type.Union([Type.Array(Topic), Type.Null()]),
  notes: nullable(Type.String()),
  followUp: nullable(Type.String()),
});

export const ContactListSchema = Type.Object(
  {
    familyId: uuid(),
    lastContactAt: nullable(Type.String({ format: 'date-time', description: 'The last attended contact.' })),
    contacts: Type.Array(ContactSchema),
  },
  { description: 'The contacts this token may see, newest first (the latest 500).' },
);

export const NewContactSchema = Type.Object(
  {
    occurredAt: Type.String({ format: 'date-time', description: 'When it took place, with its offset.' }),
    memberIds: Type.Array(uuid(), { minItems: 1, description: 'The members it was with.' }),
    workerId: Type.Optional(uuid('The worker of your organisation who held it (needed for an API token).')),
    kind: Kind,
    jointOrganisationId: Type.Optional(nullable(uuid('The other agency; needed for a joint contact.'))),
    channel: Channel,
    durationMinutes: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: maxMinutes }))),
    outcome: Outcome,
    topics: Type.Optional(Type.Array(Topic, { uniqueItems: true })),
    notes: Type.Optional(nullable(Type.String({ maxLength: maxNotes }))),
    followUp: Type.Optional(nullable(Type.String({ maxLength: maxFollowUp }))),
    confidential: Type.Optional(Type.Boolean({ default: false })),
    significant: Type.Optional(Type.Boolean({ default: false })),
    enrolmentId: Type.Optional(nullable(uuid('An active programme enrolment of one of the members.'))),
  },
  { additionalProperties: false },
);
export type NewContactBody = Static<typeof NewContactSchema>;

export const CreatedSchema = Type.Object({ id: uuid() });
