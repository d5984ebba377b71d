import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { inErrorForm, postInError } from '../../platform/concurrency/inError.ts';
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

  const inErrorContext = (l: Awaited<ReturnType<typeof load>>, form: Record<string, unknown>) => ({
    family: l.family,
    contactHref: l.href,
    occurredAt: l.row.occurredAt,
    ...form,
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
    return reply.page(inErrorPage, inErrorContext(l, inErrorForm(l.row.version)));
  });

  app.post('/practice/families/:familyId/contacts/:contactId/in-error', practice, async (request, reply) => {
    const l = await loadCorrectable(request);
    return postInError(request, reply, {
      template: inErrorPage,
      context: (form) => inErrorContext(l, form),
      version: l.row.version,
      noun: 'contact',
      check: checkContactInErrorForm,
      mark: (version, reason) =>
        new ContactCorrectionService(db, request.access).markInError(
          l.familyId,
          l.contactId,
          version,
          reason,
        ),
      href: l.href,
    });
  });

  contactEditRoutes(app, db);
}
