import { type Static, Type } from '@fastify/type-provider-typebox';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const day = (description: string) => Type.String({ format: 'date', description });
const nullableInteger = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });
const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const EnrolmentParams = Type.Object({ familyId: uuid('The family’s id.') });
export const OneEnrolmentParams = Type.Object({
  familyId: uuid('The family’s id.'),
  enrolmentId: uuid('The enrolment’s id.'),
});

export const ProgrammeSchema = Type.Object({
  id: uuid(),
  organisationId: Type.Union([uuid(), Type.Null()], {
    description: 'The organisation’s own programme; null for Hearth’s catalogue.',
  }),
  code: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  format: Type.Union([Type.Literal('one_to_one'), Type.Literal('group'), Type.Literal('mixed')]),
  sessionsPlanned: nullableInteger('Sessions in the programme’s shape; null when open-ended.'),
  sessionLengthMinutes: nullableInteger('How long each session is.'),
  deliveredBy: Type.String(),
  ageFrom: nullableInteger('The youngest age it is for; null for no lower limit.'),
  ageTo: nullableInteger('The oldest age it is for; null for no upper limit.'),
  trainedWorkers: Type.Array(
    Type.Object({
      userId: uuid(),
      name: Type.String(),
      trainedOn: Type.Union([day('When they were trained.'), Type.Null()]),
    }),
    { description: 'Workers of the token’s organisation trained to deliver it.' },
  ),
});

export const ProgrammeListSchema = Type.Object({ programmes: Type.Array(ProgrammeSchema) });

const EnrolmentStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('completed'),
  Type.Literal('ended_early'),
]);

export const EnrolmentSchema = Type.Object({
  id: uuid(),
  personId: uuid(),
  programmeId: uuid(),
  programmeName: Type.String(),
  organisationId: uuid('The organisation that enrolled the member.'),
  workerId: Type.Union([uuid(), Type.Null()]),
  groupId: Type.Union([uuid(), Type.Null()]),
  enrolledOn: day('When they started.'),
  status: EnrolmentStatus,
  endedOn: Type.Union([day('When it was completed or ended.'), Type.Null()]),
  endReason: nullableString('Why it ended early.'),
  sessionsAttended: Type.Integer({
    description: 'Contacts of this enrolment attended, plus sessions of its group attended since it started.',
  }),
  sessionsPlanned: nullableInteger('From the programme’s shape; null when open-ended.'),
});

export const EnrolmentListSchema = Type.Object({ familyId: uuid(), enrolments: Type.Array(EnrolmentSchema) });

export const NewEnrolmentSchema = Type.Object({
  personId: uuid('The member starting the programme.'),
  programmeId: uuid(),
  workerId: uuid('A worker of the token’s organisation who will deliver it.'),
  groupId: Type.Optional(
    Type.Union([uuid('For a group programme: one of the organisation’s groups running it.'), Type.Null()]),
  ),
  enrolledOn: day('When they started: today or before.'),
});
export type NewEnrolmentBody = Static<typeof NewEnrolmentSchema>;

export const EnrolledSchema = Type.Object({
  id: uuid(),
  warnings: Type.Array(Type.String(), {
    description: 'Things to check, such as a worker not recorded as trained to deliver the programme.',
  }),
});

export const CompleteSchema = Type.Object({ completedOn: day('When they completed it.') });
export const EndEarlySchema = Type.Object({
  endedOn: day('When it ended.'),
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why it ended early: required.' }),
});
