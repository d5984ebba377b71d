import type { FieldErrors } from '../../platform/http/forms.ts';
import { dateItems, planErrorList } from '../plan/planPageHelpers.ts';
import { type ContactForm, contactDateFields, contactFieldOrder } from './contactForm.ts';
import type { ContactChoicesRead, ContactRow } from './contactRepository.ts';
import {
  type ContactTopic,
  contactChannelNames,
  contactKindNames,
  contactOutcomeNames,
  contactTopicCodes,
  contactTopics,
} from './contactTopics.ts';

const outcomeTags = {
  attended: 'govuk-tag--green',
  did_not_attend: 'govuk-tag--orange',
  cancelled_by_family: 'govuk-tag--grey',
  cancelled_by_service: 'govuk-tag--grey',
} as const;

export function contactLinks(familyId: string) {
  const base = `/practice/families/${familyId}`;
  return { overview: base, contacts: `${base}/contacts`, addContact: `${base}/contacts/new` };
}

/** One contact as the list shows it: what anyone who sees it may know, and the details when allowed. */
export function presentContact(row: ContactRow) {
  const kind =
    row.kind === 'joint_agency' && row.jointOrganisationName
      ? `Joint with ${row.jointOrganisationName}`
      : contactKindNames[row.kind];
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    kind,
    channel: contactChannelNames[row.channel],
    length: row.durationMinutes ? `${row.durationMinutes} minutes` : 'Not recorded',
    outcome: { text: contactOutcomeNames[row.outcome], classes: outcomeTags[row.outcome] },
    with: row.members.map((m) => m.name).join(', ') || 'Members you cannot see',
    by: `${row.workerName}, ${row.organisationName}`,
    programme: row.programmeName,
    significant: row.significant,
    confidential: row.confidential,
    detailsVisible: row.detailsVisible,
    hiddenReason: row.detailsVisible
      ? null
      : row.confidential
        ? 'The notes are confidential to the member’s own worker.'
        : 'What was covered is not shared with your organisation.',
    topics: (row.topics ?? []).map((t) => contactTopics[t as ContactTopic] ?? t),
    notes: row.notes,
    followUp: row.followUp,
    inError: row.inErrorAt ? { at: row.inErrorAt, reason: row.inErrorReason } : null,
  };
}

/** The contact list's filter by member. */
export function memberFilterItems(choices: { personId: string; name: string }[], selected: string) {
  return [
    { value: '', text: 'Everyone', selected: !selected },
    ...choices.map((m) => ({ value: m.personId, text: m.name, selected: m.personId === selected })),
  ];
}

const radioItems = <T extends string>(names: Record<T, string>, selected: string) =>
  (Object.entries(names) as [T, string][]).map(([value, text]) => ({
    value,
    text,
    checked: value === selected,
  }));

/** Everything the "Record a contact" page needs to show the form, with errors when it did not pass. */
export function contactFormContext(choices: ContactChoicesRead, form: ContactForm, errors: FieldErrors = {}) {
  const names = new Map(choices.members.map((m) => [m.personId, m.name]));
  return {
    family: choices.family,
    links: contactLinks(choices.family.id),
    form,
    errors,
    errorList: planErrorList(errors, contactFieldOrder, contactDateFields),
    occurredOnItems: dateItems(form.occurredOn, Boolean(errors.occurredOn)),
    memberItems: choices.members.map((m) => ({
      value: m.personId,
      text: m.name,
      checked: form.members.includes(m.personId),
    })),
    kindItems: radioItems(contactKindNames, form.kind),
    agencyItems: [
      { value: '', text: 'Choose the agency', selected: !form.jointOrganisationId },
      ...choices.agencies.map((a) => ({
        value: a.id,
        text: a.name,
        selected: a.id === form.jointOrganisationId,
      })),
    ],
    channelItems: radioItems(contactChannelNames, form.channel),
    outcomeItems: radioItems(contactOutcomeNames, form.outcome),
    topicItems: contactTopicCodes.map((code) => ({
      value: code,
      text: contactTopics[code],
      checked: form.topics.includes(code),
    })),
    enrolmentItems: choices.enrolments.length
      ? [
          { value: '', text: 'Not part of a programme', selected: !form.enrolmentId },
          ...choices.enrolments.map((e) => ({
            value: e.id,
            text: `${e.programmeName}: ${names.get(e.personId) ?? 'a member'}`,
            selected: e.id === form.enrolmentId,
          })),
        ]
      : [],
  };
}
