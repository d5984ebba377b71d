import { memberRoles } from '../../db/schema.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { type Answer, answers, type MemberFormValues, memberFieldOrder } from './memberForm.ts';

export const roleNames: Record<string, string> = {
  using_substances: 'Person using substances',
  affected_family_member: 'Affected family member',
  child_or_young_person: 'Child or young person',
  young_carer: 'Young carer',
  adult_carer: 'Adult carer',
  bereaved: 'Bereaved by a substance-related death',
};

const answerNames: Record<Answer, string> = { yes: 'Yes', no: 'No', unknown: 'Not asked yet' };

function answerItems(selected: Answer, unknownText = answerNames.unknown) {
  return answers.map((value) => ({
    value,
    text: value === 'unknown' ? unknownText : answerNames[value],
    checked: value === selected,
  }));
}

/** The member details fields as the GOV.UK macros take them: values, items and error messages. */
export function presentMemberFields(form: MemberFormValues, errors: FieldErrors = {}) {
  const message = (name: string) => (errors[name] ? { text: errors[name] } : undefined);
  const dateError = Boolean(errors.dateOfBirth);
  return {
    form,
    errors,
    errorList: errorList(errors, memberFieldOrder),
    message: Object.fromEntries(memberFieldOrder.map((name) => [name, message(name)])),
    dateOfBirthItems: [
      {
        name: 'day',
        label: 'Day',
        value: form.dobDay,
        classes: `govuk-input--width-2${dateError ? ' govuk-input--error' : ''}`,
      },
      {
        name: 'month',
        label: 'Month',
        value: form.dobMonth,
        classes: `govuk-input--width-2${dateError ? ' govuk-input--error' : ''}`,
      },
      {
        name: 'year',
        label: 'Year',
        value: form.dobYear,
        classes: `govuk-input--width-4${dateError ? ' govuk-input--error' : ''}`,
      },
    ],
    roleItems: memberRoles.map((role) => ({
      value: role,
      text: roleNames[role],
      checked: form.roles.includes(role),
    })),
    interpreterItems: answers
      .filter((a) => a !== 'unknown')
      .map((value) => ({ value, text: answerNames[value], checked: value === form.interpreterNeeded })),
    livesInHouseholdItems: answerItems(form.livesInHousehold, 'Not known'),
    inContactItems: answerItems(form.inContactWithServices, 'Not known'),
    safetyItems: {
      safeToPhone: answerItems(form.safeToPhone),
      safeToText: answerItems(form.safeToText),
      safeToWrite: answerItems(form.safeToWrite),
      safeToVisit: answerItems(form.safeToVisit),
    },
    addressWithheldItems: [
      {
        value: 'yes',
        text: 'Withhold this address',
        hint: { text: 'Only the worker named for this person, and workers named on the team, will see it.' },
        checked: form.addressWithheld,
      },
    ],
  };
}

/** The form's values as hidden fields, to carry them through the "is this the same person?" step. */
export function hiddenFormFields(form: MemberFormValues): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const named: Record<string, string> = {
    'dateOfBirth-day': form.dobDay,
    'dateOfBirth-month': form.dobMonth,
    'dateOfBirth-year': form.dobYear,
  };
  for (const [key, value] of Object.entries(form)) {
    if (key === 'dobDay' || key === 'dobMonth' || key === 'dobYear') continue;
    if (key === 'roles') for (const role of value as string[]) out.push({ name: 'roles', value: role });
    else if (key === 'addressWithheld') {
      if (value) out.push({ name: key, value: 'yes' });
    } else out.push({ name: key, value: String(value) });
  }
  for (const [name, value] of Object.entries(named)) out.push({ name, value });
  return out;
}
