import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { chronologyKinds } from '../../db/schema.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import {
  type ChronologyForm,
  checkChronologyForm,
  chronologyErrorList,
  impacts,
  parseChronologyForm,
} from './chronologyForm.ts';
import {
  impactNames,
  kindNames,
  memberName,
  parseChronologyFilter,
  presentChronologyFilter,
  presentChronologyItem,
  summariseCounts,
} from './chronologyPresenter.ts';
import {
  type ChronologyFamily,
  type ChronologyMember,
  ChronologyRepository,
} from './chronologyRepository.ts';
import { todayInUk } from './dateParts.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function familyIdOf(params: unknown): string {
  const { familyId } = params as { familyId: string };
  if (!uuidPattern.test(familyId)) throw new NotFoundError();
  return familyId;
}

const emptyForm: ChronologyForm = {
  personId: '',
  kind: 'event',
  occurredOn: { day: '', month: '', year: '' },
  occurredUntil: { day: '', month: '', year: '' },
  what: '',
  source: '',
  impact: '',
  actionTaken: '',
  organisationOnly: false,
};

function formContext(
  family: ChronologyFamily,
  members: ChronologyMember[],
  form: ChronologyForm,
  errors: Record<string, string> = {},
  errorParts: Record<string, string> = {},
) {
  const sorted = [...members].sort((a, b) => memberName(a).localeCompare(memberName(b)));
  return {
    family,
    form,
    errors,
    errorParts,
    errorList: chronologyErrorList(errors, errorParts),
    memberItems: [
      { value: '', text: 'The whole family', selected: !form.personId },
      ...sorted.map((m) => ({
        value: m.personId,
        text: memberName(m),
        selected: m.personId === form.personId,
      })),
    ],
    kindItems: chronologyKinds.map((kind) => ({
      value: kind,
      text: kindNames[kind],
      checked: form.kind === kind,
    })),
    impactItems: impacts.map((impact) => ({
      value: impact,
      text: impactNames[impact],
      checked: form.impact === impact,
    })),
  };
}

/** The family chronology: the list with filters, a print view, and the form to add an entry. */
export function chronologyRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  async function listPage(familyIdParam: unknown, query: unknown, access: AccessContext) {
    const familyId = familyIdOf(familyIdParam);
    const filter = parseChronologyFilter((query ?? {}) as Record<string, unknown>);
    const repository = new ChronologyRepository(db, access);
    const result = await repository.list(familyId, filter);
    if (!result) throw new NotFoundError();
    const members = await repository.members(familyId);
    return {
      family: result.family,
      entries: result.entries.map(presentChronologyItem),
      counts: summariseCounts(result.entries),
      filter: presentChronologyFilter(members, filter),
      added: (query as Record<string, unknown>)?.added === '1',
    };
  }

  app.get('/practice/families/:familyId/chronology', practice, async (request, reply) => {
    const context = await listPage(request.params, request.query, request.access);
    return reply.page('features/chronology/pages/chronology.njk', context);
  });

  app.get('/practice/families/:familyId/chronology/print', practice, async (request, reply) => {
    const context = await listPage(request.params, request.query, request.access);
    return reply.page('features/chronology/pages/chronologyPrint.njk', {
      ...context,
      printedOn: todayInUk(new Date()),
    });
  });

  app.get('/practice/families/:familyId/chronology/add', practice, async (request, reply) => {
    const familyId = familyIdOf(request.params);
    const repository = new ChronologyRepository(db, request.access);
    const family = await repository.visibleFamily(familyId, 'chronology.add');
    if (!family) throw new NotFoundError();
    const members = await repository.members(familyId);
    await recordAudit(db, request.access, {
      action: 'family.members.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: members.length },
    });
    return reply.page('features/chronology/pages/addEntry.njk', formContext(family, members, emptyForm));
  });

  app.post('/practice/families/:familyId/chronology/add', practice, async (request, reply) => {
    const familyId = familyIdOf(request.params);
    const repository = new ChronologyRepository(db, request.access);
    const family = await repository.visibleFamily(familyId, 'chronology.add');
    if (!family) throw new NotFoundError();
    const members = await repository.members(familyId);
    const form = parseChronologyForm(request.body);
    const checked = checkChronologyForm(form, {
      memberIds: members.map((m) => m.personId),
      today: todayInUk(new Date()),
    });
    if (!checked.ok)
      return reply
        .code(400)
        .page(
          'features/chronology/pages/addEntry.njk',
          formContext(family, members, form, checked.errors, checked.errorParts),
        );
    const created = await repository.add(familyId, checked.entry);
    if (!created) throw new NotFoundError();
    return reply.redirect(`/practice/families/${familyId}/chronology?added=1`, 303);
  });
}
