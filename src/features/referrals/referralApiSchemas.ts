// The JSON shapes of referrals over the API: making one, the lists of
// referrals made and received, one referral with its history, and a move.
import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import { referralOrigins, referralStatuses, referralUrgencies } from '../../db/schema.ts';
import { ProblemSchema } from '../api/apiSchemas.ts';
import { consentMethods } from './referralForm.ts';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });
const text = (maxLength: number, description: string) => Type.String({ maxLength, description });

/** The statuses a move can lead to: every status but draft. */
export const moveTargets = referralStatuses.filter((s) => s !== 'draft');
export const defaultReferralPageSize = 25;

const Status = literals(referralStatuses, 'Where the referral is up to.');
const Urgency = literals(referralUrgencies, 'How urgent it is.');
const WaitFlag = literals(
  ['approaching_3_weeks', 'over_3_weeks', 'approaching_6_weeks', 'over_6_weeks'] as const,
  'Against the Scottish standard: nearly or over 3 weeks (day 15, day 22), nearly or over 6 weeks (day 36, day 43).',
);

export const ReferralParams = Type.Object({ referralId: uuid('The referral’s id.') });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 100,
    description:
      'A key your system makes for this referral (a UUID is ideal) and sends again on every retry of it. The same key with the same body gives back the referral the first call made; with a different body it is refused (422).',
  }),
});

export const NewReferralSchema = Type.Object(
  {
    familyId: uuid('A family on your organisation’s caseload that this token may see.'),
    serviceId: uuid(
      'The directory service to refer to: see /openreferral/services for each service’s route (`hearth.referral_takes`, `referral_needs`, `referral_excludes`).',
    ),
    memberIds: Type.Array(uuid(), {
      minItems: 1,
      maxItems: 30,
      description: 'Who the referral is for: members of the family this token may see.',
    }),
    reason: text(4000, 'Why you are referring them.'),
    wishes: Type.Optional(text(4000, 'What they would like, in their own words if you can.')),
    urgency: Type.Optional(literals(referralUrgencies, 'How urgent it is; routine unless given.')),
    consent: Type.Optional(
      Type.Object(
        {
          personId: uuid('Who agreed: a member of the family this token may see.'),
          method: literals(consentMethods, 'How they agreed: said so, in writing, or online or by message.'),
          on: Type.String({ format: 'date', description: 'When they agreed: not in the future.' }),
        },
        { additionalProperties: false, description: 'The family’s consent to share.' },
      ),
    ),
    protectionConcernId: Type.Optional(
      uuid(
        'Without consent: an open protection concern recorded in the family’s assessment, the only basis for a referral without consent.',
      ),
    ),
  },
  { additionalProperties: false },
);
export type NewReferralBody = Static<typeof NewReferralSchema>;

export const MoveSchema = Type.Object(
  {
    to: literals(moveTargets, 'The status to move the referral to.'),
    version: Type.Integer({ minimum: 1, description: 'The version you read (the ETag of GET).' }),
    reason: Type.Optional(text(2000, 'Needed to decline or to pass on (redirect).')),
    suggestion: Type.Optional(text(1000, 'When declining: where they could go instead.')),
    serviceId: Type.Optional(uuid('To pass on (redirect): the active directory service to pass it to.')),
    firstSupportOn: Type.Optional(
      Type.String({
        format: 'date',
        description:
          'For support started: the day of the first support contact, on or after the day it was received, not in the future.',
      }),
    ),
    note: Type.Optional(text(2000, 'Said in the referral’s history.')),
  },
  { additionalProperties: false },
);
export type MoveBody = Static<typeof MoveSchema>;

const Wait = nullable(
  Type.Object(
    {
      days: Type.Integer({ minimum: 0, description: 'Days from received to first support, or so far.' }),
      stillWaiting: Type.Boolean(),
      flag: nullable(WaitFlag),
    },
    { description: 'The wait: null for a draft, or one closed without support.' },
  ),
);

const ReferralSummarySchema = Type.Object({
  id: uuid(),
  reference: Type.String({ examples: ['R-000123'] }),
  status: Status,
  origin: literals(
    referralOrigins,
    'Made by a worker, by a connected system, passed on, or a self-referral.',
  ),
  urgency: Urgency,
  version: Type.Integer(),
  service: Type.Object({ id: uuid(), name: Type.String() }),
  otherOrganisation: nullable(
    Type.String({
      description: 'The other side: who referred (received) or the receiving organisation (made).',
    }),
  ),
  receivedOn: nullable(Type.String({ format: 'date' })),
  firstSupportOn: nullable(Type.String({ format: 'date' })),
  wait: Wait,
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ReferralListQuery = Type.Object({
  side: literals(
    ['made', 'received'] as const,
    'made: the referrals your organisation made; received: those to its services (no drafts).',
  ),
  status: Type.Optional(
    Type.String({
      pattern: `^(${referralStatuses.join('|')})(,(${referralStatuses.join('|')}))*$`,
      description: 'Only these statuses, comma-separated, like new,waiting.',
    }),
  ),
  serviceId: Type.Optional(uuid('Only referrals to this service.')),
  changedSince: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only referrals changed after this moment.' }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: defaultReferralPageSize, description: '1 to 100.' }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const ReferralListSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Over all pages.' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    referrals: Type.Array(ReferralSummarySchema),
  },
  {
    description:
      'Received: oldest sent first, as the inbox. Made: newest first. No personal data: open one for that.',
  },
);

const Member = Type.Object({
  personId: nullable(uuid()),
  name: nullable(Type.String()),
});

const SelfReferral = Type.Object({
  name: Type.String(),
  audience: nullable(Type.String()),
  contactMethod: literals(['phone', 'text', 'email', 'none'] as const, 'The only safe way to contact them.'),
  phone: nullable(Type.String()),
  email: nullable(Type.String()),
  safeTimes: nullable(Type.String()),
  leaveMessage: Type.Boolean(),
  helpWith: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
});

export const ReferralSchema = Type.Object(
  {
    ...ReferralSummarySchema.properties,
    side: literals(['referrer', 'receiver'] as const, 'Which side your organisation is on.'),
    service: Type.Object({
      id: uuid(),
      name: Type.String(),
      organisationId: uuid(),
      organisationName: Type.String(),
      route: Type.Object({
        takes: nullable(Type.String()),
        needs: nullable(Type.String()),
        excludes: nullable(Type.String()),
      }),
    }),
    referringOrganisation: nullable(Type.Object({ id: uuid(), name: Type.String() })),
    referredBy: nullable(Type.String({ description: 'The worker, or the connected system, that made it.' })),
    familyId: nullable(
      uuid(
        'The family record your side works with: the one referred from, or, for the receiving side, the one it accepted into.',
      ),
    ),
    members: Type.Array(Member, {
      description: 'Who it is for; `name` and `personId` are null for a member your side may not see.',
    }),
    reason: nullable(Type.String()),
    wishes: nullable(Type.String()),
    sharing: Type.Object({
      basis: nullable(literals(['consent', 'protection_concern'] as const, 'Why it may be shared.')),
      consentGivenBy: nullable(Type.String({ description: 'Who agreed, when your side may see them.' })),
      consentMethod: nullable(literals(consentMethods, 'How they agreed.')),
      consentOn: nullable(Type.String({ format: 'date' })),
      protectionConcernId: nullable(uuid('The protection concern, for the referring side.')),
    }),
    declineReason: nullable(Type.String()),
    suggestion: nullable(Type.String({ description: 'Where to go instead.' })),
    redirectedFrom: nullable(Type.Object({ id: uuid(), reference: Type.String() })),
    redirectedTo: nullable(Type.Object({ id: uuid(), reference: Type.String() })),
    selfReferral: nullable(SelfReferral),
    history: Type.Array(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        from: nullable(Status),
        to: Status,
        by: nullable(Type.String({ description: 'Who made the change, and their organisation.' })),
        note: nullable(Type.String()),
      }),
      { description: 'Every change of status, oldest first, the referrals it was passed on from included.' },
    ),
    moves: Type.Array(literals(moveTargets, 'A status'), {
      description: 'The moves your side may make now.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'One referral, as its page shows it to your side.' },
);
export type ReferralBody = Static<typeof ReferralSchema>;

export const CreatedReferralSchema = Type.Object({
  ...ReferralSchema.properties,
  warnings: Type.Array(Type.String(), {
    description:
      'When a member seems outside the service’s ages or the people it is for: a warning, not a refusal.',
  }),
});

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

export const forbiddenProblem = {
  403: problemResponse(
    'The token’s roles do not include practice work, or only the other side may make this move.',
  ),
};

export const referralRulesProblem = {
  422: problemResponse(
    'The referral or move breaks a rule: no consent or protection concern, a service not taking referrals, a decline without a reason, an Idempotency-Key used for another referral. `errors` points at each field.',
  ),
};
