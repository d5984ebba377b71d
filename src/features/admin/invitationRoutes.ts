import type { FastifyInstance } from 'fastify';
import { errorList } from '../../platform/http/forms.ts';
import type { InvitationService, UnusableReason } from './invitationService.ts';

const acceptTemplate = 'features/admin/pages/acceptInvitation.njk';
const unusableTemplate = 'features/admin/pages/invitationUnusable.njk';

// Unknown links get 404; links that existed but can no longer be used get 410 Gone.
const unusableStatus: Record<UnusableReason, number> = { unknown: 404, used: 410, expired: 410 };

/**
 * The page an invited person opens from their link to choose a password. No
 * sign-in: the secret in the link is the proof. Logs and metrics see only the
 * route pattern, and the no-referrer policy keeps the link out of other sites' logs.
 */
export function invitationRoutes(app: FastifyInstance, invitations: InvitationService): void {
  app.get('/invitation/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await invitations.find(token);
    if (!found.usable)
      return reply.code(unusableStatus[found.reason]).page(unusableTemplate, { reason: found.reason });
    return reply.page(acceptTemplate, { token, invitation: found.invitation });
  });

  app.post('/invitation/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const result = await invitations.accept(token, text('password'), text('confirmPassword'), request.access);
    if (result.ok) return reply.redirect('/sign-in?passwordSet=1');
    if ('reason' in result)
      return reply.code(unusableStatus[result.reason]).page(unusableTemplate, { reason: result.reason });
    return reply.code(400).page(acceptTemplate, {
      token,
      invitation: result.invitation,
      errors: result.errors,
      errorList: errorList(result.errors, ['password', 'confirmPassword']),
    });
  });
}
