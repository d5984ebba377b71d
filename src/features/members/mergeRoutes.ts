import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, field } from '../../platform/http/forms.ts';
import { searchPeople } from '../search/personSearch.ts';
import { displayName } from './memberAge.ts';
import { presentDuplicates } from './memberPresenter.ts';
import { MemberRepository } from './memberRepository.ts';
import { memberParams, uuidPattern } from './memberRoutes.ts';
import { mergePeople } from './mergeService.ts';

/** Team leads merge two records of one person, choosing which to keep. */
export function mergeRoutes(app: FastifyInstance, db: Db): void {
  const teamLead = { preHandler: requireRole('team_lead') };
  const path = '/practice/families/:familyId/members/:personId/merge';

  async function context(request: Parameters<typeof memberParams>[0], errors: FieldErrors = {}) {
    const { familyId, personId } = memberParams(request);
    const detail = await new MemberRepository(db, request.access).get(familyId, personId);
    if (!detail) throw new NotFoundError();
    const name = displayName(detail.person);
    const found = await searchPeople(db, request.access, {
      name: [detail.person.givenName, detail.person.familyName].filter(Boolean).join(' '),
      limit: 10,
    });
    await recordAudit(db, request.access, {
      action: 'person.search',
      recordType: 'person',
      recordId: personId,
      familyId,
      detail: { purpose: 'merge', shown: found.length },
    });
    const candidates = presentDuplicates(found.filter((m) => m.personId !== personId));
    return {
      family: { id: familyId, name: detail.familyName, reference: detail.familyReference },
      name,
      memberHref: `/practice/families/${familyId}/members/${personId}`,
      candidates,
      candidateItems: candidates.map((c) => ({
        value: c.personId,
        text: c.name,
        hint: { text: c.rows.map((r) => r.value.text).join(' · ') },
      })),
      keepItems: [
        { value: 'this', text: `Keep ${name}’s record (this one)` },
        { value: 'other', text: 'Keep the other record' },
      ],
      errors,
      errorList: errorList(errors, ['otherId', 'keep']),
    };
  }

  app.get(path, teamLead, async (request, reply) =>
    reply.page('features/members/pages/merge.njk', await context(request)),
  );

  app.post(path, teamLead, async (request, reply) => {
    const { familyId, personId } = memberParams(request);
    const otherId = field(request.body, 'otherId');
    const keep = field(request.body, 'keep');
    const errors: FieldErrors = {};
    if (!uuidPattern.test(otherId)) errors.otherId = 'Select the other record of this person';
    if (keep !== 'this' && keep !== 'other') errors.keep = 'Select which record to keep';
    if (Object.keys(errors).length > 0)
      return reply.code(400).page('features/members/pages/merge.njk', await context(request, errors));
    const [keepId, mergeId] = keep === 'this' ? [personId, otherId] : [otherId, personId];
    const outcome = await mergePeople(db, request.access, keepId, mergeId);
    if (outcome === 'same-person')
      return reply
        .code(400)
        .page(
          'features/members/pages/merge.njk',
          await context(request, { otherId: 'Select a different record' }),
        );
    if (outcome !== 'merged') throw new NotFoundError();
    return reply.redirect(`/practice/families/${familyId}/members/${keepId}?saved=merged`);
  });
}
