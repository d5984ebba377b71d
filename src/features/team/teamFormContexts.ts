import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { handoverFieldOrder, joinFieldOrder, workerFieldOrder } from './teamForms.ts';
import { optionItems } from './teamPresenter.ts';
import type { TeamRepository } from './teamRepository.ts';

function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
}

/** The invite form's choices: organisations not on the team, members this user sees. */
export async function inviteContext(
  team: TeamRepository,
  familyId: string,
  form: Record<string, unknown>,
  errors: FieldErrors,
) {
  const [organisations, members] = await Promise.all([
    team.invitableOrganisations(familyId),
    team.visibleMembers(familyId),
  ]);
  return {
    form,
    errors,
    errorList: errorList(errors, joinFieldOrder),
    organisationItems: [
      { value: '', text: 'Choose an organisation', selected: !form.organisation },
      ...optionItems(
        organisations.map((o) => ({ value: o.id, text: o.name })),
        String(form.organisation ?? ''),
        'selected',
      ),
    ],
    memberItems: optionItems(
      members.map((m) => ({ value: m.personId, text: m.name })),
      (form.members as string[]) ?? [],
      'checked',
    ),
    sharingItems: optionItems(
      members.map((m) => ({ value: m.personId, text: m.name })),
      (form.sharing as string[]) ?? [],
      'checked',
    ),
    consentMethodItems: [
      { value: 'verbal', text: 'By talking with me, in person or on the phone' },
      { value: 'written', text: 'In writing' },
    ].map((item) => ({ ...item, checked: form.consentMethod === item.value })),
  };
}

/** The name-a-worker form's choices: workers of organisations on the team; the family or one member. */
export async function workerContext(
  team: TeamRepository,
  familyId: string,
  form: Record<string, unknown>,
  errors: FieldErrors,
) {
  const [workers, members] = await Promise.all([
    team.eligibleWorkers(familyId),
    team.visibleMembers(familyId),
  ]);
  return {
    form,
    errors,
    errorList: errorList(errors, workerFieldOrder),
    workerItems: [
      { value: '', text: 'Choose a worker', selected: !form.user },
      ...optionItems(
        workers.map((w) => ({ value: w.userId, text: `${w.name}, ${w.organisationName}` })),
        String(form.user ?? ''),
        'selected',
      ),
    ],
    personItems: optionItems(
      [
        { value: 'family', text: 'The whole family' },
        ...members.map((m) => ({ value: m.personId, text: m.name })),
      ],
      String(form.person || 'family'),
      'selected',
    ),
  };
}

/** The hand-over form: the current lead and who may take over. Undefined when the family is not visible. */
export async function handoverContext(
  team: TeamRepository,
  familyId: string,
  form: Record<string, unknown>,
  errors: FieldErrors,
) {
  const view = await team.forFamily(familyId);
  if (!view) return undefined;
  const workers = await team.eligibleWorkers(familyId, view.lead?.userId);
  return {
    form,
    errors,
    errorList: errorList(errors, handoverFieldOrder),
    current: view.lead
      ? {
          name: view.lead.name,
          organisationName: view.lead.organisationName,
          since: formatDate(view.lead.startedOn),
        }
      : undefined,
    workerItems: optionItems(
      workers.map((w) => ({ value: w.userId, text: w.name, hint: w.organisationName })),
      String(form.user ?? ''),
      'checked',
    ),
  };
}
