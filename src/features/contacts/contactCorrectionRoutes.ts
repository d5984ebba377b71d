import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { editToken, readEditToken, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { familyChanges } from '../team/familyChanges.ts';
import { checkContactInErrorForm } from './contactCorrectionForm.ts';
import { ContactCorrectionService } from './contactCorrectionService.ts';
import { contactEditRoutes } from './contactEditRoutes.ts';
import { presentContactHistory } from './contactHistory.ts';
import { contactLinks, presentContact } from './contactPresenter.ts';
import { ContactRepository } from './contactRepository.ts';

const contactPage = 'features/contacts/pages/contact.njk';
const inErrorPage = 'features/contacts/pages/inError.njk';

/** One contact's page (with its history), and marking it as recorded in error. */
export function contactCorrectionRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  /** The family and the contact this user may see, or not found (audited as denied). */
  async function load(request: FastifyRequest, action: string) {
    const familyId = idParam(request.params, 'familyId');
    const contactId = idParam(request.params, 'contactId');
    const contacts = new ContactRepository(db, request.access);
    const family = await contacts.visibleFamily(familyId, action);
    if (!family) throw new NotFoundError();
    const [row] = await contacts.list(familyId, { contactId });
    if (!row) {
      await recordAudit(db, request.access, {
        action,
        outcome: 'denied',
        recordType: 'contact',
        recordId: contactId,
        familyId,
      });
      throw new NotFoundError();
    }
    const href = `/practice/families/${familyId}/contacts/${contactId}`;
    // Only the organisation that held it, and a user who may read what it covered, may correct it.
    const correctable =
      !row.inErrorAt && row.detailsVisible && row.organisationId === request.access.organisationId;
    return { familyId, contactId, family, row, href, correctable };
  }

  app.get('/practice/families/:familyId/contacts/:contactId', practice, async (request, reply) => {
    const l = await load(request, 'contact.read');
    await recordAudit(db, request.access, {
      action: 'contact.read',
      recordType: 'contact',
      recordId: l.contactId,
      familyId: l.familyId,
    });
    const { entries } = l.row.detailsVisible
      ? await familyChanges(db, request.access, l.familyId, ['contact'], 50, l.contactId)
      : { entries: [] };
    return reply.page(contactPage, {
      family: l.family,
      links: contactLinks(l.familyId),
      saved: (request.query as Record<string, string> | undefined)?.saved,
      contact: presentContact(l.row),
      inErrorHref: l.correctable ? `${l.href}/in-error` : null,
      editHref: l.correctable ? `${l.href}/edit` : null,
      changes: presentContactHistory(entries),
      changesTitle: 'History of this contact’s record',
    });
  });

  const inErrorContext = (l: Awaited<ReturnType<typeof load>>, extra: Record<string, unknown> = {}) => ({
    family: l.family,
    contactHref: l.href,
    occurredAt: l.row.occurredAt,
    edit: editToken(l.row.version, {}),
    reason: '',
    errors: {},
    errorList: [],
    ...extra,
  });

  async function loadCorrectable(request: FastifyRequest) {
    const l = await load(request, 'contact.in_error');
    if (!l.correctable) {
      await recordAudit(db, request.access, {
        action: 'contact.in_error',
        outcome: 'denied',
        recordType: 'contact',
        recordId: l.contactId,
        familyId: l.familyId,
      });
      throw new NotFoundError();
    }
    return l;
  }

  app.get('/practice/families/:familyId/contacts/:contactId/in-error', practice, async (request, reply) => {
    const l = await loadCorrectable(request);
    await recordAudit(db, request.access, {
      action: 'contact.read',
      recordType: 'contact',
      recordId: l.contactId,
      familyId: l.familyId,
    });
    return reply.page(inErrorPage, inErrorContext(l));
  });

  app.post('/practice/families/:familyId/contacts/:contactId/in-error', practice, async (request, reply) => {
    const l = await loadCorrectable(request);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const checked = checkContactInErrorForm(request.body);
    if (!checked.ok)
      return reply.code(400).page(
        inErrorPage,
        inErrorContext(l, {
          edit: editToken(token.version, {}),
          reason: String((request.body as Record<string, unknown>).reason ?? ''),
          errors: { reason: checked.error },
          errorList: [{ text: checked.error, href: '#reason' }],
        }),
      );
    try {
      const marked = await new ContactCorrectionService(db, request.access).markInError(
        l.familyId,
        l.contactId,
        token.version,
        checked.reason,
      );
      if (!marked) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      return reply.code(409).page(
        inErrorPage,
        inErrorContext(l, {
          reason: checked.reason,
          changedSince: true,
          errorList: [
            {
              text: 'Someone changed this contact after you opened this page: check it, then confirm again',
              href: '#reason',
            },
          ],
        }),
      );
    }
    return reply.redirect(`${l.href}?saved=in-error`, 303);
  });

  contactEditRoutes(app, db);
}
