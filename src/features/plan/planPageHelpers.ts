import { actionStatuses, goalStatuses } from '../../db/schema.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { ActionForm } from './planForms.ts';
import { actionStatusNames, goalStatusNames, inDisplayOrder, memberName } from './planPresenter.ts';
import type { PlanRecord } from './planRepository.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid from the route's parameters; anything else is not found. */
export function idParam(params: unknown, name: string): string {
  const value = (params as Record<string, string>)[name] ?? '';
  if (!uuidPattern.test(value)) throw new NotFoundError();
  return value;
}

/** The GOV.UK error summary's list: date fields link to their day box, the rest to the field. */
export function planErrorList(
  errors: FieldErrors,
  order: readonly string[],
  dateFields: readonly string[] = [],
): { text: string; href: string }[] {
  return order
    .filter((name) => errors[name])
    .map((name) => ({
      text: errors[name] as string,
      href: dateFields.includes(name) ? `#${name}-day` : `#${name}`,
    }));
}

/** A date input's items, marked when the field has an error. */
export function dateItems(parts: { day: string; month: string; year: string }, error: boolean) {
  const classes = error ? ' govuk-input--error' : '';
  return [
    { name: 'day', label: 'Day', classes: `govuk-input--width-2${classes}`, value: parts.day },
    { name: 'month', label: 'Month', classes: `govuk-input--width-2${classes}`, value: parts.month },
    { name: 'year', label: 'Year', classes: `govuk-input--width-4${classes}`, value: parts.year },
  ];
}

export function memberItems(record: PlanRecord, selected: string) {
  return [
    { value: '', text: 'The whole family', selected: !selected },
    ...record.members.map((m) => ({
      value: m.personId,
      text: memberName(m),
      selected: m.personId === selected,
    })),
  ];
}

export function goalStatusItems(selected: string) {
  return goalStatuses.map((s) => ({ value: s, text: goalStatusNames[s], checked: s === selected }));
}

export function actionStatusItems(selected: string) {
  return actionStatuses.map((s) => ({ value: s, text: actionStatusNames[s], checked: s === selected }));
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The goals to link an action to. */
export function goalItems(record: PlanRecord, selected: string) {
  return [
    { value: '', text: 'Not linked to one goal', selected: !selected },
    ...inDisplayOrder(record).map((g, i) => ({
      value: g.id,
      text: `Goal ${i + 1}: ${short(g.familyWords)}`,
      selected: g.id === selected,
    })),
  ];
}

/** Who may be given an action: the family's members, the team's workers and its organisations. */
export function ownerChoices(record: PlanRecord): { value: string; text: string }[] {
  return [
    ...record.members.map((m) => ({
      value: `member:${m.personId}`,
      text: `${memberName(m)} (family member)`,
    })),
    ...record.choices.workers.map((w) => ({
      value: `worker:${w.id}`,
      text: `${w.name}, ${w.organisationName}`,
    })),
    ...record.choices.organisations.map((o) => ({
      value: `organisation:${o.id}`,
      text: `${o.name} (organisation)`,
    })),
  ];
}

export function ownerItems(record: PlanRecord, selected: string) {
  return [
    { value: '', text: 'Choose who', selected: !selected },
    ...ownerChoices(record).map((c) => ({ ...c, selected: c.value === selected })),
  ];
}

/** How a value of an action's field reads to a person, for the conflict page. */
export function actionValueText(
  record: PlanRecord,
  name: keyof ActionForm | string,
  value: string | null,
): string {
  if (value === null) return 'Nothing';
  if (name === 'goalId') return goalItems(record, '').find((g) => g.value === value)?.text ?? 'A goal';
  if (name === 'owner') return ownerChoices(record).find((c) => c.value === value)?.text ?? 'Someone else';
  if (name === 'status') return actionStatusNames[value as keyof typeof actionStatusNames] ?? value;
  if (name === 'dueOn')
    return new Date(`${value}T00:00:00Z`).toLocaleDateString('en-GB', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
  return value;
}

export function goalValueText(name: string, value: string | null): string {
  if (value === null) return 'Nothing';
  if (name === 'status') return goalStatusNames[value as keyof typeof goalStatusNames] ?? value;
  return value;
}
