// A service's public page, "Ask for support" (self-referral) and "Report a
// problem with this listing". Successes redirect to a page named by the
// service id only: nothing the person typed is ever in a URL.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { listingProblemKinds } from '../../db/schemaDirectory.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { audiences } from '../directory/vocabulary.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { presentService, whatHappensNext } from './finderPresenter.ts';
import { finderPage, refusedByLimit } from './finderRender.ts';
import {
  checkProblemForm,
  type ProblemForm,
  parseProblemForm,
  problemFieldOrder,
  problemKindLabels,
} from './problemForm.ts';
import type { RateLimit } from './rateLimit.ts';
import {
  checkReferralForm,
  parseReferralForm,
  type ReferralForm,
  referralFieldOrder,
} from './referralForm.ts';
import { findService, type ServiceRow, storeListingProblem, storeSelfReferral } from './serviceRepository.ts';

const notFound = (reply: FastifyReply) =>
  finderPage(reply.code(404), 'notFound.njk', { pageTitle: 'Page not found' });

const serviceId = (params: unknown) => (params as { id: string }).id;

function referralPage(
  reply: FastifyReply,
  service: ServiceRow,
  form: ReferralForm,
  errors: FieldErrors = {},
) {
  return finderPage(reply, 'refer.njk', {
    pageTitle: 'Ask for support',
    service: { id: service.id, name: service.name },
    form,
    errors,
    errorList: errorList(errors, referralFieldOrder),
    audienceItems: [
      { value: '', text: 'I would rather not say', selected: !form.audience },
      ...audiences.map((a) => ({ value: a.code, text: a.label, selected: form.audience === a.code })),
    ],
  });
}

function problemPage(reply: FastifyReply, service: ServiceRow, form: ProblemForm, errors: FieldErrors = {}) {
  return finderPage(reply, 'reportProblem.njk', {
    pageTitle: 'Report a problem with this listing',
    service: { id: service.id, name: service.name },
    form,
    errors,
    errorList: errorList(errors, problemFieldOrder),
    kindItems: listingProblemKinds.map((kind) => ({
      value: kind,
      text: problemKindLabels[kind],
      checked: form.kind === kind,
    })),
  });
}

export function serviceRoutes(finder: FastifyInstance, db: Db, sends: RateLimit, mailer: Mailer): void {
  finder.get('/services/:id', async (request, reply) => {
    const row = await findService(db, serviceId(request.params));
    if (!row) return notFound(reply);
    return finderPage(reply, 'service.njk', { pageTitle: 'Service details', service: presentService(row) });
  });

  finder.get('/services/:id/refer', async (request, reply) => {
    const row = await findService(db, serviceId(request.params));
    if (!row?.self_referral) return notFound(reply);
    return referralPage(reply, row, parseReferralForm({}));
  });

  finder.post('/services/:id/refer', async (request, reply) => {
    if (refusedByLimit(sends, request, reply)) return reply;
    const row = await findService(db, serviceId(request.params));
    if (!row?.self_referral) return notFound(reply);
    const form = parseReferralForm(request.body);
    const checked = checkReferralForm(form);
    if (!checked.ok) return referralPage(reply.code(400), row, form, checked.errors);
    await storeSelfReferral(db, request.access, row, checked.value, mailer);
    // Its emails (the team leads', or an outside service's notice) were queued with it: send them now.
    mailer.nudge();
    return reply.redirect(`/find-support/services/${row.id}/asked`, 303);
  });

  finder.get('/services/:id/asked', async (request, reply) => {
    const row = await findService(db, serviceId(request.params));
    if (!row?.self_referral) return notFound(reply);
    return finderPage(reply, 'asked.njk', {
      pageTitle: 'Your message has been sent',
      service: { id: row.id, name: row.name, organisationName: row.organisation_name },
      whatHappensNext: whatHappensNext(row),
    });
  });

  finder.get('/services/:id/problem', async (request, reply) => {
    const row = await findService(db, serviceId(request.params));
    if (!row) return notFound(reply);
    return problemPage(reply, row, parseProblemForm({}));
  });

  finder.post('/services/:id/problem', async (request, reply) => {
    if (refusedByLimit(sends, request, reply)) return reply;
    const row = await findService(db, serviceId(request.params));
    if (!row) return notFound(reply);
    const form = parseProblemForm(request.body);
    const checked = checkProblemForm(form);
    if (!checked.ok) return problemPage(reply.code(400), row, form, checked.errors);
    await storeListingProblem(db, row, checked.value);
    return reply.redirect(`/find-support/services/${row.id}/problem/sent`, 303);
  });

  finder.get('/services/:id/problem/sent', async (request, reply) => {
    const row = await findService(db, serviceId(request.params));
    if (!row) return notFound(reply);
    return finderPage(reply, 'problemSent.njk', {
      pageTitle: 'Thank you',
      service: { id: row.id, name: row.name },
    });
  });
}
