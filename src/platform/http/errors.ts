import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from './problems.ts';

function wantsProblem(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/health';
}

/** Thrown by routes to show the 403 page or problem. */
export class ForbiddenError extends Error {
  readonly statusCode = 403;
  /** Said on the page under its heading; without one the page gives its general explanation. */
  readonly explanation: string | undefined;
  constructor(explanation?: string) {
    super(explanation ?? 'You do not have access to this page');
    this.explanation = explanation;
  }
}

/** Thrown by routes when a record is missing or the user may not know it exists. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(message = 'Not found') {
    super(message);
  }
}

/**
 * What of an error may be logged: its type, database error code and stack
 * frames. Database errors carry the query's parameters in their message,
 * which may be personal data, so the message is cut before them.
 */
export function loggableError(error: Error): Record<string, unknown> {
  const cause = (error as { cause?: { code?: string } }).cause;
  const message = error.message.split(/\nparams:/)[0]?.slice(0, 500);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: error.name,
    code: (error as { code?: string }).code ?? cause?.code,
    message,
    stack: frames.join('\n'),
  };
}

function renderErrorPage(reply: FastifyReply, status: number, message?: string): FastifyReply {
  const template =
    status === 404 ? '404' : status === 403 ? '403' : status === 429 ? '429' : status >= 500 ? '500' : '400';
  return reply.code(status).page(`platform/views/pages/errors/${template}.njk`, { message });
}

/**
 * One error handler for pages and API: pages get a plain-English error page,
 * the API gets RFC 9457 problem details. Neither shows a stack trace or SQL.
 */
export function setUpErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (wantsProblem(request)) return sendProblem(reply, problem(404, 'There is nothing at this address.'));
    return renderErrorPage(reply, 404);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error(
        { err: { type: error.name, message: error.message, stack: error.stack } },
        'request failed',
      );
    } else {
      request.log.info({ code: error.code, status }, 'request refused');
    }
    if (wantsProblem(request)) {
      if (error.validation) {
        return sendProblem(
          reply,
          problem(400, 'The request does not match the schema.', {
            errors: error.validation.map((issue) => ({
              pointer: `${error.validationContext === 'body' ? '#' : `#/${error.validationContext ?? ''}`}${issue.instancePath}`,
              detail: issue.message ?? 'is not valid',
            })),
          }),
        );
      }
      return sendProblem(
        reply,
        problem(status, status >= 500 ? 'Something went wrong on our side.' : error.message),
      );
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return renderErrorPage(
        reply,
        403,
        'This form has expired or was not sent from Hearth. Go back, reload the page and try again.',
      );
    }
    if (error instanceof ForbiddenError) return renderErrorPage(reply, 403, error.explanation);
    return renderErrorPage(reply, status, status < 500 && status !== 404 ? error.message : undefined);
  });
}
