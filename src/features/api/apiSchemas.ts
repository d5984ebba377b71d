import { Type } from '@fastify/type-provider-typebox';
import { apiTokenRoles } from './apiTokenService.ts';

/** RFC 9457 problem details, as every API error is sent. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri-reference' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({
            description: 'Where in the request the problem is, like #/querystring/limit',
          }),
          detail: Type.String(),
        }),
      ),
    ),
  },
  { title: 'Problem details (RFC 9457)' },
);

/** A response documented and serialised as application/problem+json. */
function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** The error responses every bearer-authenticated route can give. */
export const authProblems = {
  401: problemResponse('No API token was sent, or it is unknown or revoked.'),
};

export const badRequestProblem = {
  400: problemResponse('The request does not match the schema; `errors` says where.'),
};

export const notFoundProblem = {
  404: problemResponse('There is no such record, or this token may not see it.'),
};

export const MeSchema = Type.Object(
  {
    token: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
    organisation: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
    roles: Type.Array(Type.Enum([...apiTokenRoles])),
  },
  { description: 'The API token making the request, and the organisation it acts for.' },
);

/** RFC 9457 problem details for a stale edit: the version and values saved now, to re-apply a change to. */
export const ConflictProblemSchema = Type.Object(
  {
    ...ProblemSchema.properties,
    currentVersion: Type.Integer({ description: 'The version saved now: send it with your change.' }),
    current: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
      description: 'The values saved now, field by field.',
    }),
  },
  { title: 'Edit conflict (RFC 9457)' },
);

/** The answer when someone else saved the record after the client read it (optimistic locking). */
export const conflictProblemResponse = {
  409: {
    description:
      'Someone else saved this record after you read it. `currentVersion` and `current` say what is saved now: apply your change to it and send again with that version.',
    content: { 'application/problem+json': { schema: ConflictProblemSchema } },
  },
};

/** The answer when the request matches the schema but breaks a rule; `errors` points at each field. */
export const unprocessableProblem = {
  422: {
    description:
      'The request breaks a rule (a required answer missing, a date in the future); `errors` points at each field.',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};
