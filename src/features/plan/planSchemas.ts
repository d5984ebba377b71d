import { type Static, Type } from '@fastify/type-provider-typebox';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const day = (description: string) => Type.String({ format: 'date', description });

export const PlanParams = Type.Object({ familyId: uuid('The family’s id.') });

const GoalStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('achieved'),
  Type.Literal('no_longer_needed'),
]);
const ActionStatus = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('in_progress'),
  Type.Literal('done'),
  Type.Literal('no_longer_needed'),
]);
const OwnerKind = Type.Union([Type.Literal('member'), Type.Literal('worker'), Type.Literal('organisation')], {
  description:
    'Who does it: a family member (person id), a worker (user id) or an organisation (organisation id).',
});

export const PlanSchema = Type.Object(
  {
    familyId: uuid(),
    agreedOn: nullable(day('When the family agreed the plan; null until then.')),
    agreedWith: Type.Array(uuid(), {
      description: 'The members who took part in agreeing it (those this token may see).',
    }),
    reviewEveryWeeks: Type.Integer({ description: 'How often the team reviews the plan.' }),
    nextReviewOn: nullable(day('When the plan is next reviewed.')),
    goals: Type.Array(
      Type.Object({
        id: uuid(),
        personId: nullable(uuid('The member whose own goal it is; null for a goal of the whole family.')),
        familyWords: Type.String({ description: 'The goal in the family’s own words.' }),
        workerWords: nullable(Type.String({ description: 'The worker’s wording, when the team needs one.' })),
        status: GoalStatus,
        version: Type.Integer(),
        progress: Type.Array(
          Type.Object({
            reviewedOn: Type.String({ format: 'date' }),
            score: Type.Integer({ minimum: 0, maximum: 10 }),
            comment: nullable(Type.String()),
          }),
        ),
      }),
    ),
    actions: Type.Array(
      Type.Object({
        id: uuid(),
        goalId: nullable(uuid()),
        what: Type.String(),
        ownerKind: OwnerKind,
        ownerId: uuid(),
        dueOn: Type.String({ format: 'date' }),
        status: ActionStatus,
        version: Type.Integer(),
      }),
    ),
    reviews: Type.Array(
      Type.Object({
        id: uuid(),
        heldOn: Type.String({ format: 'date' }),
        decisions: nullable(Type.String()),
        nextReviewOn: Type.String({ format: 'date' }),
      }),
    ),
  },
  {
    description:
      'A family’s plan as this token may see it: a confidential member’s own goals are left out for other organisations.',
  },
);

export const NewGoalSchema = Type.Object({
  personId: Type.Optional(
    nullable(uuid('A member, for their own goal; leave out for a goal of the whole family.')),
  ),
  familyWords: Type.String({ maxLength: 500 }),
  workerWords: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
});
export type NewGoalBody = Static<typeof NewGoalSchema>;

export const NewActionSchema = Type.Object({
  what: Type.String({ maxLength: 500 }),
  goalId: Type.Optional(nullable(uuid())),
  ownerKind: OwnerKind,
  ownerId: uuid(),
  dueOn: Type.String({ format: 'date' }),
  status: Type.Optional(ActionStatus),
});
export type NewActionBody = Static<typeof NewActionSchema>;

export const NewReviewSchema = Type.Object({
  heldOn: Type.String({ format: 'date' }),
  progress: Type.Array(
    Type.Object({
      goalId: uuid(),
      score: Type.Integer({ description: 'From 0 (not started) to 10 (achieved).' }),
      comment: Type.Optional(nullable(Type.String())),
    }),
    { description: 'Progress on every goal of the plan that is still needed.' },
  ),
  decisions: Type.Optional(nullable(Type.String())),
  nextReviewOn: Type.String({ format: 'date' }),
});
export type NewReviewBody = Static<typeof NewReviewSchema>;

export const CreatedSchema = Type.Object({ id: uuid() });

export const GoalParams = Type.Object({ familyId: uuid('The family’s id.'), goalId: uuid('The goal’s id.') });
export const ActionParams = Type.Object({
  familyId: uuid('The family’s id.'),
  actionId: uuid('The action’s id.'),
});

const versionField = Type.Integer({
  minimum: 1,
  description: 'The version you read. If someone saved since, the answer is 409 with what is saved now.',
});

export const GoalChangeSchema = Type.Object(
  {
    version: versionField,
    familyWords: Type.String({ maxLength: 500 }),
    workerWords: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
    status: GoalStatus,
  },
  { additionalProperties: false },
);
export type GoalChangeBody = Static<typeof GoalChangeSchema>;

export const ActionChangeSchema = Type.Object(
  {
    version: versionField,
    what: Type.String({ maxLength: 500 }),
    goalId: Type.Optional(nullable(uuid())),
    ownerKind: OwnerKind,
    ownerId: uuid(),
    dueOn: Type.String({ format: 'date' }),
    status: ActionStatus,
  },
  { additionalProperties: false },
);
export type ActionChangeBody = Static<typeof ActionChangeSchema>;

export const SavedSchema = Type.Object({ id: uuid(), version: Type.Integer() });
