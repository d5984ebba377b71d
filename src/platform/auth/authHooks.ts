import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Role } from '../../db/schema.ts';
import { type AccessContext, anonymousAccess } from '../access/accessContext.ts';
import { ForbiddenError } from '../http/errors.ts';
import type { SessionStore, SessionUser } from './sessionStore.ts';

export const sessionCookie = 'hearth_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, when there is one. */
    user: SessionUser | undefined;
    /** Who is asking: every repository takes this. */
    access: AccessContext;
    /** The raw session token from the cookie, for sign-out. */
    sessionToken: string | undefined;
  }
}

export function accessFor(user: SessionUser, request: FastifyRequest): AccessContext {
  return {
    userId: user.userId,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: user.partnershipAreaId,
    roles: user.roles,
    ip: request.ip,
    requestId: request.id,
  };
}

/** Reads the session cookie on every page request and builds the access context. */
export function setUpSessions(app: FastifyInstance, sessions: SessionStore): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('access', undefined as unknown as AccessContext);
  app.addHook('onRequest', async (request) => {
    request.access = anonymousAccess(request.ip, request.id);
    if (request.url.startsWith('/assets/') || request.url.startsWith('/api/')) return;
    // The public finder never reads a session: its pages are the same for everyone.
    if (/^\/find-support(?:[/?]|$)/.test(request.url)) return;
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const user = await sessions.resolve(token);
    if (!user) return;
    request.user = user;
    request.sessionToken = token;
    request.access = accessFor(user, request);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.request.protocol === 'https',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}

/** Sends a visitor who is not signed in to the sign-in page, remembering where they were going. */
export const requireUser: preHandlerHookHandler = (request, reply, done) => {
  if (request.user) return done();
  redirectToSignIn(request, reply);
};

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): void {
  const returnTo = request.method === 'GET' ? request.url : '/';
  reply.redirect(`/sign-in${returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
}

/** Allows the request only for a signed-in user with one of the roles. */
export function requireRole(...roles: Role[]): preHandlerHookHandler {
  return (request, reply, done) => {
    if (!request.user) return redirectToSignIn(request, reply);
    if (!request.user.roles.some((role) => roles.includes(role))) return done(new ForbiddenError());
    done();
  };
}
