import type { FastifyInstance, FastifyRequest } from 'fastify';
import { practiceRoles } from '../access/accessContext.ts';
import { emailPattern, errorList, type FieldErrors, field, safeReturnPath } from '../http/forms.ts';
import { clearSessionCookie, requireUser, setSessionCookie } from './authHooks.ts';
import type { SignInService } from './signInService.ts';

const signInTemplate = 'platform/auth/pages/signIn.njk';
const accountTemplate = 'platform/auth/pages/account.njk';

/** Sign-in, sign-out, and the account page where a user changes their password. */
export function signInRoutes(app: FastifyInstance, signIn: SignInService): void {
  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as Record<string, string>;
    return reply.page(signInTemplate, {
      returnTo: safeReturnPath(query.returnTo),
      signedOut: query.signedOut === '1',
      passwordSet: query.passwordSet === '1',
    });
  });

  app.post('/sign-in', async (request, reply) => {
    const email = field(request.body, 'email');
    const password = (request.body as Record<string, string> | undefined)?.password ?? '';
    const returnTo = safeReturnPath(field(request.body, 'returnTo'));
    const errors: FieldErrors = {};
    if (!email) errors.email = 'Enter your email address';
    else if (!emailPattern.test(email))
      errors.email = 'Enter an email address in the right format, like name@example.org';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length === 0) {
      const result = await signIn.signIn(email, password, request.access);
      if (result.ok) {
        setSessionCookie(reply, result.token);
        return reply.redirect(returnTo);
      }
      // The same words whether or not the email is known, so the form cannot be used to find accounts.
      errors.email =
        result.reason === 'throttled'
          ? 'Too many attempts to sign in. Wait 15 minutes, then try again'
          : 'The email address or password is not right';
    }
    return reply
      .code(400)
      .page(signInTemplate, { email, returnTo, errors, errorList: errorList(errors, ['email', 'password']) });
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await signIn.signOut(request.sessionToken, request.access);
    clearSessionCookie(reply);
    return reply.redirect('/sign-in?signedOut=1');
  });

  /** The referral emails setting, for users who work with referrals (the practice roles). */
  async function emailSetting(request: FastifyRequest) {
    const user = request.user;
    if (!user?.roles.some((role) => practiceRoles.includes(role))) return undefined;
    return { on: await signIn.referralEmails(user.userId) };
  }

  app.get('/account', { preHandler: requireUser }, async (request, reply) => {
    const query = request.query as Record<string, string>;
    return reply.page(accountTemplate, {
      changed: query.changed === '1',
      emailsSaved: query.emails === 'saved',
      emails: await emailSetting(request),
    });
  });

  app.post('/account/emails', { preHandler: requireUser }, async (request, reply) => {
    const setting = await emailSetting(request);
    if (!setting || !request.access.userId) return reply.redirect('/account', 303);
    const on = field(request.body, 'referralEmails') === 'yes';
    await signIn.setReferralEmails({ ...request.access, userId: request.access.userId }, on);
    return reply.redirect('/account?emails=saved', 303);
  });

  app.post('/account/password', { preHandler: requireUser }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const current = body.currentPassword ?? '';
    const next = body.newPassword ?? '';
    const confirm = body.confirmPassword ?? '';
    const errors: FieldErrors = {};
    if (!current) errors.currentPassword = 'Enter your current password';
    if (!next) errors.newPassword = 'Enter a new password';
    else if (next !== confirm) errors.confirmPassword = 'The new passwords do not match';
    if (Object.keys(errors).length === 0 && request.user && request.access.userId) {
      const result = await signIn.changePassword(
        { ...request.access, userId: request.access.userId },
        request.user.sessionId,
        current,
        next,
      );
      if (result.ok) return reply.redirect('/account?changed=1');
      errors[result.field] = result.message;
    }
    const order = ['currentPassword', 'newPassword', 'confirmPassword'];
    return reply.code(400).page(accountTemplate, {
      errors,
      errorList: errorList(errors, order),
      emails: await emailSetting(request),
    });
  });
}
