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
