import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole, requireUser } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList } from '../../platform/http/forms.ts';
import { breakGlassFieldOrder, readBreakGlassForm } from './breakGlassForm.ts';
import { BreakGlassRepository, breakGlassHours, minimumReasonLength } from './breakGlassRepository.ts';
import { NoticeRepository } from './noticeRepository.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = 'features/breakGlass/pages/breakGlass.njk';

/** Emergency access ("break glass") for practitioners, and marking notices read for leads. */
export function breakGlassRoutes(app: FastifyInstance, db: Db): void {
  const practitioners = { preHandler: requireRole('practitioner', 'team_lead') };
  const common = { hours: breakGlassHours, minimumReasonLength };

  app.get('/practice/break-glass', practitioners, async (_request, reply) =>
    reply.page(page, { ...common, form: { reference: '', reason: '', confirm: '' }, errors: {} }),
  );

  app.post('/practice/break-glass', practitioners, async (request, reply) => {
    const form = readBreakGlassForm(request.body);
    if (!form.valid) {
      return reply.code(400).page(page, {
        ...common,
        form: form.values,
        errors: form.errors,
        errorList: errorList(form.errors, breakGlassFieldOrder),
      });
    }
    const result = await new BreakGlassRepository(db, request.access).open(
      form.values.reference,
      form.values.reason,
    );
    if (!result.ok) {
      // Said only now, after the attempt is in the audit trail.
      const errors = { reference: 'There is no family with this reference in your partnership area' };
      return reply.code(400).page(page, {
        ...common,
        form: form.values,
        errors,
        errorList: errorList(errors, breakGlassFieldOrder),
      });
    }
    return reply.redirect(`/practice/families/${result.familyId}`, 303);
  });

  app.post('/notices/:noticeId/read', { preHandler: requireUser }, async (request, reply) => {
    const { noticeId } = request.params as { noticeId: string };
    if (!uuidPattern.test(noticeId)) throw new NotFoundError();
    if (!(await new NoticeRepository(db, request.access).markRead(noticeId))) throw new NotFoundError();
    return reply.redirect('/', 303);
  });
}
