import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import {
  conflictView,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { contactEditLabels, contactFormOf, contactValues } from './contactCorrectionForm.ts';
import { ContactCorrectionService } from './contactCorrectionService.ts';
import { type ContactForm, checkContactForm, parseContactForm, readContactForm } from './contactForm.ts';
import { contactValueText } from './contactHistory.ts';
import { contactFormContext } from './contactPresenter.ts';
import { ContactRepository } from './contactRepository.ts';

const formPage = 'features/contacts/pages/addContact.njk';

/** Correcting a recorded contact, checked against the version the form showed. */
export function contactEditRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  /** The contact when this user may correct it, the choices, and its stored values; not found otherwise (audited as denied). */
  async function load(request: FastifyRequest) {
    const familyId = idParam(request.params, 'familyId');
    const contactId = idParam(request.params, 'contactId');
    const service = new ContactCorrectionService(db, request.access);
    const found = await service.editable(db, familyId, contactId, 'contact.edit');
    if (!found) throw new NotFoundError();
    const choices = await new ContactRepository(db, request.access).choices(familyId, 'contact.edit');
    const stored = await service.values(db, contactId);
    if (!choices || !stored) throw new NotFoundError();
    const href = `/practice/families/${familyId}/contacts/${contactId}`;
    return { familyId, contactId, choices, stored, href };
  }

  const page = (l: Awaited<ReturnType<typeof load>>, form: ContactForm, extra: Record<string, unknown>) => {
    const context = contactFormContext(l.choices, form, (extra.errors as Record<string, string>) ?? {});
    // The programme it already counts toward stays choosable, even when that enrolment has ended.
    const enrolmentItems =
      l.stored.kept[0]?.id && !l.choices.enrolments.some((e) => e.id === l.stored.kept[0]?.id)
        ? [
            ...(context.enrolmentItems.length
              ? context.enrolmentItems
              : [{ value: '', text: 'Not part of a programme', selected: !form.enrolmentId }]),
            {
              value: l.stored.kept[0]?.id,
              text: 'The programme it counts toward now',
              selected: form.enrolmentId === l.stored.kept[0]?.id,
            },
          ]
        : context.enrolmentItems;
    return {
      ...context,
      enrolmentItems,
      editing: true,
      backHref: l.href,
      formAction: `${l.href}/edit`,
      ...extra,
      errors: context.errors,
    };
  };

  app.get('/practice/families/:familyId/contacts/:contactId/edit', practice, async (request, reply) => {
    const l = await load(request);
    await recordAudit(db, request.access, {
      action: 'contact.read',
      recordType: 'contact',
      recordId: l.contactId,
      familyId: l.familyId,
      detail: { edit: true },
    });
    return reply.page(
      formPage,
      page(l, contactFormOf(l.stored.values), { edit: editToken(l.stored.version, l.stored.values) }),
    );
  });

  app.post('/practice/families/:familyId/contacts/:contactId/edit', practice, async (request, reply) => {
    const l = await load(request);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const now = new Date();
    const form = parseContactForm(request.body);
    const edit = editToken(token.version, token.base);
    const read = readContactForm(form, now);
    let errors: FieldErrors = {};
    if (read.ok) {
      try {
        const saved = await new ContactCorrectionService(db, request.access).correct(
          l.familyId,
          l.contactId,
          token,
          read.value,
          now,
        );
        if (!saved) throw new NotFoundError();
        if (saved.ok) return reply.redirect(`${l.href}?saved=corrected`, 303);
        errors = saved.errors;
      } catch (error) {
        if (!(error instanceof StaleEditError)) throw error;
        const conflict = conflictView(error, contactEditLabels, token.base, contactValues(read.value), {
          discardHref: `${l.href}/edit`,
        });
        const names = new Map(l.choices.members.map((m) => [m.personId, m.name]));
        const text = (name: string, value: string) =>
          name === 'members'
            ? value
                .split(',')
                .map((id) => names.get(id) ?? 'a member')
                .join(', ')
            : contactValueText(name, value === '(empty)' ? null : value);
        const readable = {
          ...conflict,
          rows: conflict.rows.map((r) => ({
            ...r,
            base: text(r.name, r.base),
            theirs: text(r.name, r.theirs),
            yours: text(r.name, r.yours),
          })),
        };
        return reply
          .code(409)
          .page(
            formPage,
            page(l, contactFormOf(conflict.formValues), { edit: conflict.edit, conflict: readable }),
          );
      }
    } else {
      const checked = checkContactForm(form, {
        memberIds: l.choices.members.map((m) => m.personId),
        agencyIds: l.choices.agencies.map((a) => a.id),
        enrolments: [...l.choices.enrolments, ...l.stored.kept],
        now,
      });
      errors = checked.ok ? {} : checked.errors;
    }
    return reply.code(400).page(formPage, page(l, form, { errors, edit }));
  });
}
