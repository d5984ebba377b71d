import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { field } from '../../platform/http/forms.ts';
import { likelyDuplicates } from './duplicateFinder.ts';
import { displayName } from './memberAge.ts';
import { emptyMemberForm, memberFormFrom, parseMemberForm, validateMemberForm } from './memberForm.ts';
import { hiddenFormFields, presentMemberFields } from './memberFormPresenter.ts';
import { presentHistory } from './memberHistoryPresenter.ts';
import { HistoryRepository } from './memberHistoryRepository.ts';
import { presentDuplicates, presentMember } from './memberPresenter.ts';
import { MemberRepository } from './memberRepository.ts';
import { MemberService } from './memberService.ts';

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The family and person ids from the URL; anything that is not an id is simply not found. */
export function memberParams(request: FastifyRequest): { familyId: string; personId: string } {
  const { familyId, personId = '' } = request.params as { familyId: string; personId?: string };
  if (!uuidPattern.test(familyId) || (personId !== '' && !uuidPattern.test(personId)))
    throw new NotFoundError();
  return { familyId, personId };
}

const savedMessages: Record<string, string> = {
  added: 'Member added to the family record.',
  details: 'Their details have been saved.',
  support: 'Your organisation’s support has been saved.',
  merged: 'The two records have been merged.',
};

/** A family's members: adding one (after a check for duplicates), their page, changing details, history. */
export function memberRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const service = new MemberService(db);
  const base = '/practice/families/:familyId/members';

  app.get(`${base}/new`, practice, async (request, reply) => {
    const { familyId } = memberParams(request);
    const family = await new MemberRepository(db, request.access).family(familyId);
    if (!family) throw new NotFoundError();
    return reply.page('features/members/pages/addMember.njk', {
      family,
      ...presentMemberFields(emptyMemberForm()),
    });
  });

  app.post(`${base}/new`, practice, async (request, reply) => {
    const { familyId } = memberParams(request);
    const members = new MemberRepository(db, request.access);
    const family = await members.family(familyId);
    if (!family) throw new NotFoundError();
    const form = parseMemberForm(request.body);
    const result = validateMemberForm(form, new Date());
    if (!result.ok)
      return reply.code(400).page('features/members/pages/addMember.njk', {
        family,
        ...presentMemberFields(form, result.errors),
      });
    if (field(request.body, 'confirmedNew') !== 'yes') {
      const matches = await likelyDuplicates(db, request.access, result.details.person);
      await recordAudit(db, request.access, {
        action: 'person.search',
        recordType: 'family',
        recordId: familyId,
        familyId,
        detail: { purpose: 'duplicates', shown: matches.length },
      });
      if (matches.length > 0)
        return reply.page('features/members/pages/possibleDuplicates.njk', {
          family,
          candidateName: displayName(result.details.person),
          matches: presentDuplicates(matches, familyId),
          hiddenFields: hiddenFormFields(form),
        });
    }
    const added = await service.addNewMember(request.access, familyId, result.details);
    if (added.outcome !== 'added') throw new NotFoundError();
    return reply.redirect(`/practice/families/${familyId}/members/${added.personId}?saved=added`);
  });

  app.post(`${base}/add-existing`, practice, async (request, reply) => {
    const { familyId } = memberParams(request);
    const personId = field(request.body, 'personId');
    if (!uuidPattern.test(personId)) throw new NotFoundError();
    const result = validateMemberForm(parseMemberForm(request.body), new Date());
    if (!result.ok) return reply.redirect(`/practice/families/${familyId}/members/new`);
    const added = await service.addExistingPerson(
      request.access,
      familyId,
      personId,
      result.details.membership,
    );
    if (added.outcome === 'not-found') throw new NotFoundError();
    return reply.redirect(
      `/practice/families/${familyId}/members/${personId}${added.outcome === 'added' ? '?saved=added' : ''}`,
    );
  });

  app.get(`${base}/:personId`, practice, async (request, reply) => {
    const { familyId, personId } = memberParams(request);
    const detail = await new MemberRepository(db, request.access).get(familyId, personId);
    if (!detail) throw new NotFoundError();
    const saved = savedMessages[String((request.query as Record<string, unknown>).saved ?? '')];
    return reply.page('features/members/pages/member.njk', {
      ...presentMember(detail, new Date(), { canMerge: hasRole(request.access, 'team_lead') }),
      saved,
    });
  });

  async function editContext(request: FastifyRequest) {
    const { familyId, personId } = memberParams(request);
    const detail = await new MemberRepository(db, request.access).get(familyId, personId);
    if (!detail) throw new NotFoundError();
    return {
      detail,
      shared: {
        family: { id: familyId, name: detail.familyName, reference: detail.familyReference },
        name: displayName(detail.person),
        memberHref: `/practice/families/${familyId}/members/${personId}`,
        addressLocked: !detail.person.addressShown,
      },
    };
  }

  app.get(`${base}/:personId/edit`, practice, async (request, reply) => {
    const { detail, shared } = await editContext(request);
    const form = memberFormFrom({ person: detail.person, membership: detail.membership });
    return reply.page('features/members/pages/editMember.njk', { ...shared, ...presentMemberFields(form) });
  });

  app.post(`${base}/:personId/edit`, practice, async (request, reply) => {
    const { detail, shared } = await editContext(request);
    const form = parseMemberForm(request.body);
    if (shared.addressLocked) {
      // The fields were not on the page; keep the check from tripping on the stored values.
      form.address = '';
      form.postcode = '';
      form.addressWithheld = false;
    }
    const result = validateMemberForm(form, new Date());
    if (!result.ok)
      return reply.code(400).page('features/members/pages/editMember.njk', {
        ...shared,
        ...presentMemberFields(form, result.errors),
      });
    const saved = await service.amend(request.access, detail.familyId, detail.personId, result.details, {
      addressShown: detail.person.addressShown,
    });
    if (!saved) throw new NotFoundError();
    return reply.redirect(`${shared.memberHref}?saved=details`);
  });

  app.get(`${base}/:personId/history`, practice, async (request, reply) => {
    const { familyId, personId } = memberParams(request);
    const detail = await new MemberRepository(db, request.access).get(familyId, personId);
    if (!detail) throw new NotFoundError();
    const history = new HistoryRepository(db, request.access);
    const changes = await history.forMember(familyId, personId);
    const workers = await history.workerNames(changes);
    return reply.page('features/members/pages/memberHistory.njk', {
      family: { id: familyId, name: detail.familyName, reference: detail.familyReference },
      name: displayName(detail.person),
      memberHref: `/practice/families/${familyId}/members/${personId}`,
      changes: presentHistory(changes, { addressShown: detail.person.addressShown, workers }),
    });
  });
}
