import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList } from '../../platform/http/forms.ts';
import { BreakGlassRepository } from '../breakGlass/breakGlassRepository.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { changesContext } from '../team/changesPresenter.ts';
import { familyHeading } from '../team/familyHeading.ts';
import { consentFieldOrder, readConsentForm } from './consentForm.ts';
import {
  isChildOrYoungPerson,
  memberName,
  presentConsentForm,
  presentConsentGrid,
} from './consentPresenter.ts';
import { ConsentRepository } from './consentRepository.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Roles that may record or withdraw consent (volunteers and peer workers see it). */
export const consentWriterRoles = ['practitioner', 'team_lead'] as const;

interface CellParams {
  familyId: string;
  personId: string;
  organisationId: string;
}

function checkIds(...ids: string[]): void {
  if (!ids.every((id) => uuidPattern.test(id))) throw new NotFoundError();
}

/** Pages for each member's consent to share with each organisation on the team. */
export function consentRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const writers = { preHandler: requireRole(...consentWriterRoles) };

  /** The family, the member and their consent with the organisation; not found unless all are visible. */
  async function loadCell(request: FastifyRequest) {
    const { familyId, personId, organisationId } = request.params as CellParams;
    checkIds(familyId, personId, organisationId);
    const access = request.access;
    const family = await familyHeading(db, access, familyId);
    const summary = family ? await new ConsentRepository(db, access).summaryForFamily(familyId) : undefined;
    const member = summary?.find((m) => m.personId === personId);
    const cell = member?.consents.find((c) => c.organisationId === organisationId);
    if (!family || !member || !cell) throw new NotFoundError();
    const breakGlass = await new BreakGlassRepository(db, access).activeBreakGlass(familyId);
    const base = `/practice/families/${familyId}/consent/${personId}/${organisationId}`;
    return { family, member, cell, breakGlass, base, name: memberName(member) };
  }

  app.get('/practice/families/:familyId/consent', practice, async (request, reply) => {
    const { familyId } = request.params as { familyId: string };
    checkIds(familyId);
    const access = request.access;
    const family = await familyHeading(db, access, familyId);
    const summary = family ? await new ConsentRepository(db, access).summaryForFamily(familyId) : undefined;
    if (!family || !summary) throw new NotFoundError();
    return reply.page('features/consent/pages/consentGrid.njk', {
      family,
      breakGlass: await new BreakGlassRepository(db, access).activeBreakGlass(familyId),
      grid: presentConsentGrid(familyId, summary, hasRole(access, ...consentWriterRoles)),
      ...(await changesContext(db, access, familyId, ['consent'], 'Changes to consent')),
    });
  });

  app.get(
    '/practice/families/:familyId/consent/:personId/:organisationId',
    writers,
    async (request, reply) => {
      const { family, member, cell, breakGlass, base, name } = await loadCell(request);
      const [year, month, day] = cell.reviewOn?.split('-') ?? ['', '', ''];
      return reply.page('features/consent/pages/recordConsent.njk', {
        family,
        breakGlass,
        member: { name },
        organisationName: cell.organisationName,
        askOwnView: isChildOrYoungPerson(member, new Date()),
        formAction: base,
        ...presentConsentForm(cell),
        form: {
          status: cell.state === 'given' || cell.state === 'refused' ? cell.state : '',
          scope: cell.scope ?? '',
          method: cell.method ?? '',
          ownView: cell.ownView ?? '',
          reviewOn: { day: day ?? '', month: month ?? '', year: year ?? '' },
        },
        errors: {},
      });
    },
  );

  app.post(
    '/practice/families/:familyId/consent/:personId/:organisationId',
    writers,
    async (request, reply) => {
      const { family, member, cell, breakGlass, base, name } = await loadCell(request);
      const result = readConsentForm(request.body, todayInUk(new Date()));
      if (!result.parsed) {
        return reply.code(400).page('features/consent/pages/recordConsent.njk', {
          family,
          breakGlass,
          member: { name },
          organisationName: cell.organisationName,
          askOwnView: isChildOrYoungPerson(member, new Date()),
          formAction: base,
          ...presentConsentForm(cell),
          form: result.values,
          errors: result.errors,
          errorList: errorList(result.errors, consentFieldOrder),
        });
      }
      const saved = await new ConsentRepository(db, request.access).record(family.id, {
        personId: member.personId,
        organisationId: cell.organisationId,
        ...result.parsed,
      });
      if (!saved.ok) throw new NotFoundError();
      return reply.redirect(`/practice/families/${family.id}/consent`, 303);
    },
  );

  app.get(
    '/practice/families/:familyId/consent/:personId/:organisationId/withdraw',
    writers,
    async (request, reply) => {
      const { family, cell, breakGlass, base, name } = await loadCell(request);
      if (cell.state !== 'given') throw new NotFoundError();
      return reply.page('features/consent/pages/withdrawConsent.njk', {
        family,
        breakGlass,
        member: { name },
        organisationName: cell.organisationName,
        formAction: `${base}/withdraw`,
      });
    },
  );

  app.post(
    '/practice/families/:familyId/consent/:personId/:organisationId/withdraw',
    writers,
    async (request, reply) => {
      const { familyId, personId, organisationId } = request.params as CellParams;
      checkIds(familyId, personId, organisationId);
      const saved = await new ConsentRepository(db, request.access).withdraw(
        familyId,
        personId,
        organisationId,
      );
      if (!saved.ok) throw new NotFoundError();
      // Withdrawing the last consent the user's own organisation relied on ends their access too.
      const stillVisible = await familyHeading(db, request.access, familyId);
      return reply.redirect(stillVisible ? `/practice/families/${familyId}/consent` : '/practice', 303);
    },
  );
}
