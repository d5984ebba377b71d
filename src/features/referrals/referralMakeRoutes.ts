import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { supportKinds } from '../directory/vocabulary.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { createReferral, familyForReferral, openConcerns } from './referralCreate.ts';
import {
  criteriaWarnings,
  type ReferralService,
  searchServices,
  serviceById,
  serviceRefusal,
} from './referralDirectory.ts';
import {
  checkReferralForm,
  consentMethodLabels,
  consentMethods,
  parseReferralForm,
  type ReferralForm,
  referralFieldOrder,
  urgencyLabels,
} from './referralForm.ts';
import { referralHref } from './referralPresenter.ts';

type Request = FastifyRequest & { access: AccessContext };

/** The family for the referral form, or not found (audited as denied). */
async function visibleFamily(db: Db, request: Request) {
  const familyId = idParam(request.params, 'familyId');
  const found = await familyForReferral(db, request.access, familyId);
  if (!found) {
    await recordAudit(db, request.access, {
      action: 'referral.form',
      outcome: 'denied',
      recordType: 'family',
      recordId: familyId,
    });
    throw new NotFoundError();
  }
  return found;
}

function emptyForm(personId: string): ReferralForm {
  return {
    ...parseReferralForm({}),
    memberIds: personId ? [personId] : [],
    idempotencyKey: randomUUID(),
  };
}

/** Making a referral from a family: choose a service from the directory, then the form. */
export function referralMakeRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const base = (familyId: string) => `/practice/families/${familyId}/referrals/new`;

  app.get('/practice/families/:familyId/referrals/new', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const words = field(request.query, 'q');
    const kind = field(request.query, 'kind');
    const personId = field(request.query, 'personId');
    const services = await searchServices(db, { words, kind });
    const suffix = personId ? `?personId=${encodeURIComponent(personId)}` : '';
    return reply.page('features/referrals/pages/chooseService.njk', {
      family,
      words,
      personId,
      kindItems: [
        { value: '', text: 'Any kind of support', selected: !kind },
        ...supportKinds.map((k) => ({ value: k.code, text: k.label, selected: k.code === kind })),
      ],
      services: services.map((s) => ({
        name: s.name,
        organisation: s.organisationName,
        summary: s.summary,
        href: `${base(family.id)}/${s.id}${suffix}`,
      })),
    });
  });

  async function formContext(
    request: Request,
    family: Awaited<ReturnType<typeof visibleFamily>>,
    service: ReferralService,
    form: ReferralForm,
    errors: FieldErrors = {},
  ) {
    const today = todayInUk(new Date());
    const concerns = await openConcerns(db, request.access, family.id);
    const chosen = family.members.filter((m) => form.memberIds.includes(m.personId));
    await recordAudit(db, request.access, {
      action: 'referral.form',
      recordType: 'family',
      recordId: family.id,
      familyId: family.id,
      detail: { serviceId: service.id, members: family.members.length, concerns: concerns.length },
    });
    return {
      family,
      service,
      form,
      errors,
      errorList: planErrorList(errors, ['serviceId', ...referralFieldOrder], ['consentOn']),
      warnings: criteriaWarnings(service, chosen.length ? chosen : family.members, today),
      memberItems: family.members.map((m) => ({
        value: m.personId,
        text: m.name,
        checked: form.memberIds.includes(m.personId),
      })),
      consentPersonItems: [
        { value: '', text: 'Choose who agreed' },
        ...family.members.map((m) => ({
          value: m.personId,
          text: m.name,
          selected: m.personId === form.consentPersonId,
        })),
      ],
      consentMethodItems: consentMethods.map((c) => ({
        value: c,
        text: consentMethodLabels[c],
        checked: c === form.consentMethod,
      })),
      consentOnItems: dateItems(form.consentOn, Boolean(errors.consentOn)),
      urgencyItems: (['routine', 'soon', 'urgent'] as const).map((u) => ({
        value: u,
        text: urgencyLabels[u],
        checked: u === form.urgency,
      })),
      concernItems: concerns.map((c) => ({
        value: c.id,
        text: `${c.kindName}: ${c.about}`,
        hint: { text: `${c.actionTaken} (${c.actionOn})` },
        checked: c.id === form.concernId,
      })),
      hasConcerns: concerns.length > 0,
      action: `${base(family.id)}/${service.id}`,
    };
  }

  /** The service, refused in plain words when it is no longer taking referrals. */
  async function chosenService(request: Request, family: { id: string }) {
    const serviceId = idParam(request.params, 'serviceId');
    const service = await serviceById(db, serviceId);
    return { service, refusal: serviceRefusal(service), familyId: family.id };
  }

  app.get('/practice/families/:familyId/referrals/new/:serviceId', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const { service, refusal } = await chosenService(request, family);
    if (refusal || !service)
      return reply.code(410).page('features/referrals/pages/serviceGone.njk', { family, refusal });
    const form = emptyForm(field(request.query, 'personId'));
    return reply.page(
      'features/referrals/pages/referralForm.njk',
      await formContext(request, family, service, form),
    );
  });

  app.post('/practice/families/:familyId/referrals/new/:serviceId', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const { service, refusal } = await chosenService(request, family);
    if (refusal || !service)
      return reply.code(410).page('features/referrals/pages/serviceGone.njk', { family, refusal });
    const form = parseReferralForm(request.body);
    const concerns = await openConcerns(db, request.access, family.id);
    const checked = checkReferralForm(form, {
      memberIds: family.members.map((m) => m.personId),
      concernIds: concerns.map((c) => c.id),
      today: todayInUk(new Date()),
    });
    const again = async (errors: FieldErrors) =>
      reply
        .code(400)
        .page(
          'features/referrals/pages/referralForm.njk',
          await formContext(request, family, service, form, errors),
        );
    if (!checked.ok) return again(checked.errors);
    const outcome = await createReferral(db, request.access, family.id, service.id, checked.value, mailer);
    mailer.nudge();
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'invalid') {
      if (outcome.errors.serviceId)
        return reply
          .code(410)
          .page('features/referrals/pages/serviceGone.njk', { family, refusal: outcome.errors.serviceId });
      return again(outcome.errors);
    }
    return reply.redirect(`${referralHref(outcome.id)}?${checked.value.send ? 'sent' : 'saved'}=1`, 303);
  });
}
