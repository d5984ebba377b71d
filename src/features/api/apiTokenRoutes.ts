import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { ApiTokenService } from './apiTokenService.ts';
import { presentApiTokenList, presentIssueApiTokenForm, roleList } from './pages/apiTokenPresenter.ts';
import { parseIssueApiTokenForm } from './pages/issueApiTokenForm.ts';

const pages = 'features/api/pages';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admin pages where an organisation admin issues and revokes the API tokens
 * their organisation's systems use. Each admin reaches only their own
 * organisation's tokens: the service filters by it in SQL.
 */
export function apiTokenRoutes(app: FastifyInstance, tokens: ApiTokenService): void {
  const admin = { preHandler: requireRole('org_admin', 'system_admin') };

  app.get('/admin/api-tokens', admin, async (request, reply) => {
    const { revoked } = request.query as { revoked?: string };
    const list = await tokens.list(request.access);
    return reply.page(`${pages}/apiTokenList.njk`, presentApiTokenList(list, revoked));
  });

  app.get('/admin/api-tokens/new', admin, async (request, reply) => {
    const options = { partnershipLead: await tokens.mayIssuePartnershipLead(request.access) };
    return reply.page(`${pages}/issueApiToken.njk`, presentIssueApiTokenForm(undefined, {}, options));
  });

  app.post('/admin/api-tokens/new', admin, async (request, reply) => {
    const options = { partnershipLead: await tokens.mayIssuePartnershipLead(request.access) };
    const form = parseIssueApiTokenForm(request.body, options);
    if (!form.input) {
      return reply
        .code(400)
        .page(`${pages}/issueApiToken.njk`, presentIssueApiTokenForm(form.values, form.errors, options));
    }
    const issued = await tokens.issue(request.access, form.input);
    // Shown in this response and nowhere else: Hearth keeps only a hash of the token.
    return reply.page(`${pages}/apiTokenIssued.njk`, {
      name: form.input.name,
      roles: roleList(form.input.roles),
      token: issued.token,
    });
  });

  app.get('/admin/api-tokens/:tokenId/revoke', admin, async (request, reply) => {
    const token = await findOwn(tokens, request.access, (request.params as { tokenId: string }).tokenId);
    if (token.revokedAt) return reply.redirect('/admin/api-tokens');
    return reply.page(`${pages}/revokeApiToken.njk`, {
      token: { ...token, prefix: `${token.prefix}…`, roles: roleList(token.roles) },
    });
  });

  app.post('/admin/api-tokens/:tokenId/revoke', admin, async (request, reply) => {
    const { tokenId } = request.params as { tokenId: string };
    if (!uuidPattern.test(tokenId)) throw new NotFoundError();
    // Already revoked (say, in another tab) is not an error; someone else's token is a 404.
    if ((await tokens.revoke(request.access, tokenId)) === 'not_found') throw new NotFoundError();
    return reply.redirect(`/admin/api-tokens?revoked=${tokenId}`);
  });
}

async function findOwn(tokens: ApiTokenService, access: Parameters<ApiTokenService['find']>[0], id: string) {
  const token = uuidPattern.test(id) ? await tokens.find(access, id) : undefined;
  if (!token) throw new NotFoundError();
  return token;
}
