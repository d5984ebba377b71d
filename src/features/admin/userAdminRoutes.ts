import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList } from '../../platform/http/forms.ts';
import { adminRoles, isSystemAdmin, uuidPattern } from './adminAccess.ts';
import { inviteFieldOrder, parseInviteForm } from './inviteForm.ts';
import { presentInviteForm, presentUser, presentUserList } from './userAdminPresenter.ts';
import type { IssuedInvitation, UserAdminService } from './userAdminService.ts';

const pages = 'features/admin/pages';

function userIdFrom(request: FastifyRequest): string {
  const { userId } = request.params as { userId: string };
  if (!uuidPattern.test(userId)) throw new NotFoundError();
  return userId;
}

/** The address the invited person opens; built from the request so it matches how Hearth is reached. */
function invitationPage(request: FastifyRequest, issued: IssuedInvitation) {
  return {
    name: issued.displayName,
    link: `${request.protocol}://${request.host}/invitation/${issued.token}`,
    expiresAt: issued.expiresAt,
    userHref: `/admin/users/${issued.userId}`,
  };
}

/** The users pages: the list, inviting, a user's page, new invitation links, deactivating and reactivating. */
export function userAdminRoutes(app: FastifyInstance, users: UserAdminService): void {
  const admin = { preHandler: requireRole(...adminRoles) };

  app.get('/admin/users', admin, async (request, reply) => {
    const { organisation } = request.query as { organisation?: string };
    const result = await users.list(request.access, organisation);
    return reply.page(
      `${pages}/users.njk`,
      presentUserList(request.access, result.organisation, result.organisations, result.users),
    );
  });

  app.get('/admin/users/invite', admin, async (request, reply) => {
    const { organisation = '' } = request.query as { organisation?: string };
    const form = { name: '', email: '', roles: [], organisation };
    const organisations = isSystemAdmin(request.access) ? await users.organisations(request.access) : [];
    return reply.page(`${pages}/invite.njk`, presentInviteForm(request.access, organisations, form));
  });

  app.post('/admin/users/invite', admin, async (request, reply) => {
    const form = parseInviteForm(request.body);
    const result = await users.invite(request.access, form);
    if (result.ok) return reply.page(`${pages}/invitationLink.njk`, invitationPage(request, result));
    const organisations = isSystemAdmin(request.access) ? await users.organisations(request.access) : [];
    return reply.code(400).page(`${pages}/invite.njk`, {
      ...presentInviteForm(request.access, organisations, form, result.errors),
      errorList: errorList(result.errors, inviteFieldOrder),
    });
  });

  app.get('/admin/users/:userId', admin, async (request, reply) => {
    const user = await users.get(request.access, userIdFrom(request));
    const { done } = request.query as { done?: string };
    return reply.page(`${pages}/user.njk`, presentUser(request.access, user, done));
  });

  app.post('/admin/users/:userId/invitation', admin, async (request, reply) => {
    const issued = await users.newInvitation(request.access, userIdFrom(request));
    return reply.page(`${pages}/invitationLink.njk`, { ...invitationPage(request, issued), renewed: true });
  });

  app.get('/admin/users/:userId/deactivate', admin, async (request, reply) => {
    const user = await users.get(request.access, userIdFrom(request));
    return reply.page(`${pages}/deactivate.njk`, presentUser(request.access, user, undefined));
  });

  app.post('/admin/users/:userId/deactivate', admin, async (request, reply) => {
    const userId = userIdFrom(request);
    await users.deactivate(request.access, userId);
    return reply.redirect(`/admin/users/${userId}?done=deactivated`);
  });

  app.post('/admin/users/:userId/reactivate', admin, async (request, reply) => {
    const userId = userIdFrom(request);
    await users.reactivate(request.access, userId);
    return reply.redirect(`/admin/users/${userId}?done=reactivated`);
  });
}
