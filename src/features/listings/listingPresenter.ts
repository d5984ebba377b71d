import type { ConflictView } from '../../platform/concurrency/optimisticLock.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { errorList } from '../../platform/http/forms.ts';
import { labelOf, type Term } from '../directory/vocabulary.ts';
import type { ReminderRow } from './listingRepository.ts';
import {
  fieldOrder,
  type Section,
  type SectionForm,
  type ServiceRow,
  sectionFields,
  sectionFormOf,
  sections,
  sectionTitles,
} from './serviceForms.ts';

export const problemKindNames: Record<string, string> = {
  wrong_phone: 'The phone number is wrong',
  wrong_address: 'The address is wrong',
  wrong_times: 'The opening times are wrong',
  closed: 'The service has closed',
  wrong_details: 'Other details are wrong',
  other: 'Something else',
};

/** Checkbox items for a list of terms, ticked from a form's comma-joined codes. */
export function termItems(terms: readonly Term[], value: string) {
  const chosen = value ? value.split(',') : [];
  return terms.map((t) => ({
    value: t.code,
    text: t.label,
    hint: t.description ? { text: t.description } : undefined,
    checked: chosen.includes(t.code),
  }));
}

/** What one page of the service form needs: its checkbox items, errors and their summary. */
export function presentSection(section: Section, form: SectionForm, errors: FieldErrors = {}) {
  const items = Object.fromEntries(
    sectionFields[section]
      .filter((f) => f.terms)
      .map((f) => [f.name, termItems(f.terms ?? [], form[f.name] ?? '')]),
  );
  return {
    section,
    title: sectionTitles[section],
    form,
    items,
    errors,
    errorList: errorList(errors, fieldOrder(section)),
  };
}

function shown(section: Section, name: string, value: string): string {
  const spec = sectionFields[section].find((f) => f.name === name);
  if (spec?.terms)
    return value
      ? value
          .split(',')
          .map((code) => labelOf(spec.terms ?? [], code))
          .join(', ')
      : 'None given';
  if (name === 'status') return value === 'inactive' ? 'No, not taking new people' : 'Yes';
  if (name === 'free' || name === 'selfReferral') return value === 'yes' ? 'Yes' : 'No';
  return value || 'Not given';
}

/** The conflict panel in plain words: labels for codes, "Yes" and "No". */
export function readableConflict(section: Section, conflict: ConflictView): ConflictView {
  const text = (name: string, value: string) => (value === '(empty)' ? value : shown(section, name, value));
  return {
    ...conflict,
    rows: conflict.rows.map((r) => ({
      ...r,
      base: text(r.name, r.base),
      theirs: text(r.name, r.theirs),
      yours: text(r.name, r.yours),
    })),
  };
}

/**
 * The service's pages as summary lists with change links. The partnership
 * lead's read leaves out self-referral (whether a person can refer
 * themselves is not personal, but it leads to self-referrals, which are).
 */
export function presentSummary(row: ServiceRow, options: { forPartnership?: boolean } = {}) {
  return sections.map((section) => {
    const form = sectionFormOf(section, row);
    return {
      section,
      title: sectionTitles[section],
      href: options.forPartnership ? undefined : `/admin/listings/${row.id}/${section}`,
      rows: sectionFields[section]
        .filter(
          (f) => !(options.forPartnership && (f.name === 'selfReferral' || f.name === 'whatHappensNext')),
        )
        .map((f) => ({
          key: { text: f.label },
          value: { text: shown(section, f.name, form[f.name] ?? '') },
        })),
    };
  });
}

/** The banner on the Admin home and listings page; undefined when there is nothing to say. */
export function presentBanner(banner: { outOfDate: number; reminders: ReminderRow[] }) {
  if (!banner.outOfDate && !banner.reminders.length) return undefined;
  return {
    outOfDate: banner.outOfDate,
    heading:
      banner.outOfDate === 0
        ? 'Your partnership lead asked you to check a listing'
        : banner.outOfDate === 1
          ? '1 listing needs checking'
          : `${banner.outOfDate} listings need checking`,
    reminders: banner.reminders,
  };
}
