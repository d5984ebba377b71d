import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * JSON logs with request ids. Requests are logged by route pattern, method,
 * status and time only: never the raw URL, query, body, cookies or headers,
 * which may carry personal data.
 */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers', 'req.body', 'req.query', '*.password', '*.email'], remove: true },
    serializers: {
      req: (request) => ({ method: request.method, route: request.routeOptions?.url ?? 'unmatched' }),
      res: (reply) => ({ statusCode: reply.statusCode }),
    },
  };
}

export type Logger = FastifyBaseLogger;

/** One log line per request, by route pattern: method, status and time taken. */
export function setUpRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return;
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request done',
    );
  });
}
