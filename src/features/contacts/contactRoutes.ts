import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { contactCorrectionRoutes } from './contactCorrectionRoutes.ts';
import { checkContactForm, defaultContactForm, parseContactForm, readContactForm } from './contactForm.ts';
import { contactFormContext, contactLinks, memberFilterItems, presentContact } from './contactPresenter.ts';
import { ContactRepository } from './contactRepository.ts';
import { ContactService } from './contactService.ts';

const addPage = 'features/contacts/pages/addContact.njk';
/** The list shows the latest contacts; the filter by member reaches further back. */
export const contactsShown = 100;

/** A family's contacts: the list (filter by member) and recording a contact. */
export function contactRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/families/:familyId/contacts', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const query = (request.query ?? {}) as Record<string, string>;
    const contacts = new ContactRepository(db, request.access);
    const family = await contacts.visibleFamily(familyId, 'contact.read');
    if (!family) throw new NotFoundError();
    const members = await contacts.members(familyId);
    // Filter only by a member this user can see: anyone else's id would reveal who took part.
    const personId = members.some((m) => m.personId === query.personId) ? (query.personId as string) : '';
    const showInError = query.show === 'in-error';
    const rows = await contacts.list(familyId, {
      ...(personId ? { personId } : {}),
      limit: contactsShown + 1,
      inError: showInError,
    });
    const inError = showInError ? 0 : await contacts.countInError(familyId, personId || undefined);
    await recordAudit(db, request.access, {
      action: 'contact.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: Math.min(rows.length, contactsShown), filtered: Boolean(personId) },
    });
    return reply.page('features/contacts/pages/contacts.njk', {
      family,
      links: contactLinks(familyId),
      added: query.added === '1',
      personId,
      memberItems: memberFilterItems(members, personId),
      contacts: rows.slice(0, contactsShown).map(presentContact),
      more: rows.length > contactsShown ? contactsShown : 0,
      inError,
      showInError,
    });
  });

  app.get('/practice/families/:familyId/contacts/new', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const choices = await new ContactRepository(db, request.access).choices(familyId, 'contact.add');
    if (!choices) throw new NotFoundError();
    const form = defaultContactForm(
      new Date(),
      choices.members.map((m) => m.personId),
    );
    return reply.page(addPage, contactFormContext(choices, form));
  });

  app.post('/practice/families/:familyId/contacts/new', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const now = new Date();
    const form = parseContactForm(request.body);
    const read = readContactForm(form, now);
    // The common case, all in one transaction: the service checks the family and the rules itself.
    const outcome = read.ok
      ? await new ContactService(db, request.access).record(familyId, read.value, now)
      : { ok: false as const, errors: {} };
    if (!outcome) throw new NotFoundError();
    if (outcome.ok) return reply.redirect(`/practice/families/${familyId}/contacts?added=1`, 303);
    const choices = await new ContactRepository(db, request.access).choices(familyId, 'contact.add');
    if (!choices) throw new NotFoundError();
    const checked = checkContactForm(form, {
      memberIds: choices.members.map((m) => m.personId),
      agencyIds: choices.agencies.map((a) => a.id),
      enrolments: choices.enrolments,
      now,
    });
    const errors = checked.ok ? outcome.errors : { ...outcome.errors, ...checked.errors };
    return reply.code(400).page(addPage, contactFormContext(choices, form, errors));
  });

  contactCorrectionRoutes(app, db);
}
