import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookies are Secure when the request arrived over TLS (directly or via a trusted proxy). */
export function overTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * Security headers with a CSP that allows no inline script, form parsing,
 * cookies, and CSRF protection on every form post. The JSON API is exempt
 * from CSRF because it takes bearer tokens, never cookies.
 */
export async function setUpSecurity(app: FastifyInstance): Promise<void> {
  // Helmet's middleware built once: @fastify/helmet builds it afresh for every
  // request, which cost about 5% of a page view's CPU time under load.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/assets/'))
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    return payload;
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyCsrf, {
    cookieKey: 'hearth_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/')) return done();
    // The public finder's forms (/find-support) carry no CSRF token: a token needs a cookie, and
    // finder pages set none, so nothing is left in the browser of someone looking for support.
    // There is no session for a forged post to ride (finder routes never read one), and each
    // address's posts are rate-limited (src/features/finder/rateLimit.ts).
    if (/^\/find-support(?:[/?]|$)/.test(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });
}
