import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import type { ApiTokenService } from './apiTokenService.ts';

const realm = 'realm="Hearth API"';

/** The token from an `Authorization: Bearer <token>` header (RFC 6750), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

function refuse(reply: FastifyReply, challenge: string, detail: string): FastifyReply {
  return sendProblem(reply.header('www-authenticate', challenge), problem(401, detail));
}

/**
 * Every route in this scope needs a bearer token: it sets request.access to
 * the token's organisation and roles. Session cookies count for nothing here,
 * which is why the API needs no CSRF protection.
 */
export function requireBearerToken(app: FastifyInstance, tokens: ApiTokenService): void {
  app.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      return refuse(
        reply,
        `Bearer ${realm}`,
        'Send an API token in the header Authorization: Bearer <token>.',
      );
    }
    const access = await tokens.resolve(token, { ip: request.ip, requestId: request.id });
    if (!access) {
      request.log.info('API token refused');
      return refuse(
        reply,
        `Bearer ${realm}, error="invalid_token", error_description="The token is unknown or revoked"`,
        'The API token is unknown or has been revoked. Ask your organisation’s Hearth administrator for a new one.',
      );
    }
    request.access = access;
  });
}
