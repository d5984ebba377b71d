import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { errorList, type FieldErrors, field } from '../../platform/http/forms.ts';
import {
  emptyMemberForm,
  type MemberFormValues,
  memberFieldOrder,
  parseMemberForm,
  validateMemberForm,
} from './memberForm.ts';
import { presentMemberFields } from './memberFormPresenter.ts';
import { MemberService } from './memberService.ts';

const template = 'features/members/pages/startFamily.njk';

/** "No wrong door": a practitioner starts a family record from whoever came first. */
export function startFamilyRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const service = new MemberService(db);

  async function page(
    access: Parameters<MemberService['localities']>[0],
    values: { familyRecordName: string; locality: string; form: MemberFormValues },
    errors: FieldErrors = {},
  ) {
    const localities = await service.localities(access);
    const fields = presentMemberFields(values.form, errors);
    return {
      ...fields,
      errors,
      errorList: errorList(errors, ['familyRecordName', 'locality', ...memberFieldOrder]),
      familyRecordName: values.familyRecordName,
      localityItems: [
        { value: '', text: 'Choose a locality', selected: values.locality === '' },
        ...localities.map((l) => ({ value: l.id, text: l.name, selected: l.id === values.locality })),
      ],
    };
  }

  app.get('/practice/families/new', practice, async (request, reply) =>
    reply.page(
      template,
      await page(request.access, { familyRecordName: '', locality: '', form: emptyMemberForm() }),
    ),
  );

  app.post('/practice/families/new', practice, async (request, reply) => {
    const form = parseMemberForm(request.body);
    const familyRecordName = field(request.body, 'familyRecordName');
    const localityId = field(request.body, 'locality');
    const result = validateMemberForm(form, new Date());
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!familyRecordName)
      errors.familyRecordName = 'Enter what to call the family record, like The Reid family';
    else if (familyRecordName.length > 100)
      errors.familyRecordName = 'The family record’s name must be 100 characters or fewer';
    const localities = await service.localities(request.access);
    if (localities.length > 0 && !localities.some((l) => l.id === localityId))
      errors.locality = 'Choose where the family lives';
    if (!result.ok || Object.keys(errors).length > 0)
      return reply
        .code(400)
        .page(template, await page(request.access, { familyRecordName, locality: localityId, form }, errors));
    const started = await service.startFamily(request.access, {
      name: familyRecordName,
      localityId: localityId || null,
      details: result.details,
    });
    return reply.redirect(`/practice/families/${started.familyId}`);
  });
}
