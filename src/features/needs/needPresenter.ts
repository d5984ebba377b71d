// How need estimates read on the partnership's pages. Pure.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { presentPartnershipHistory } from '../partnership/partnershipHistory.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';
import { type NeedForm, needFieldLabels, wholeArea } from './needForm.ts';
import { measureLabel, needMeasures, substanceUse } from './needMeasures.ts';
import type { NeedEstimateRow } from './needRepository.ts';

const number = (n: number) => n.toLocaleString('en-GB');

/** "610 people × 11 = 6,710 family members affected", or the estimate alone. */
export function estimateText(
  row: Pick<NeedEstimateRow, 'measure' | 'estimate' | 'familyMultiplier'>,
): string {
  const unit = needMeasures.find((m) => m.code === row.measure)?.unit ?? 'people';
  if (row.measure !== substanceUse || row.familyMultiplier === null) return `${number(row.estimate)} ${unit}`;
  const affected = Math.round(row.estimate * row.familyMultiplier);
  return `${number(row.estimate)} people × ${row.familyMultiplier} = ${number(affected)} family members affected`;
}

/** The estimates of one year, grouped by place: the whole area first, then each locality. */
export function presentEstimates(
  rows: readonly NeedEstimateRow[],
  localities: readonly { id: string; name: string }[],
) {
  const places = [{ id: null as string | null, name: 'Whole area' }, ...localities];
  return places.map((place) => ({
    name: place.name,
    estimates: rows
      .filter((r) => r.localityId === place.id)
      .sort(
        (a, b) =>
          needMeasures.findIndex((m) => m.code === a.measure) -
          needMeasures.findIndex((m) => m.code === b.measure),
      )
      .map((r) => ({
        id: r.id,
        measure: measureLabel(r.measure),
        text: estimateText(r),
        source: r.source,
        recordedBy: r.recordedBy ?? 'Hearth',
        recordedAt: r.recordedAt,
      })),
  }));
}

export function localityItems(localities: readonly { id: string; name: string }[], selected: string) {
  return [
    { value: wholeArea, text: 'The whole partnership area', checked: selected === wholeArea },
    { divider: 'or one locality' },
    ...localities.map((l) => ({ value: l.id, text: l.name, checked: l.id === selected })),
  ];
}

export function measureItems(selected: string) {
  return needMeasures.map((m) => ({
    value: m.code,
    text: m.label,
    hint: { text: m.hint },
    checked: m.code === selected,
  }));
}

export function yearItems(years: readonly number[], selected: number) {
  return years.map((y) => ({ value: String(y), text: String(y), selected: y === selected }));
}

/** The form's error summary, in the order of the fields. */
export function needErrorList(errors: FieldErrors, order: readonly string[]) {
  return order.filter((f) => errors[f]).map((f) => ({ text: errors[f] as string, href: `#${f}` }));
}

const labels = {
  ...Object.fromEntries(needFieldLabels.map((l) => [l.name, l.label])),
  localityId: 'Locality',
  measure: 'What is estimated',
  forYear: 'Year',
};

export function presentNeedHistory(
  entries: ChangeEntry[],
  localities: readonly { id: string; name: string }[],
) {
  return presentPartnershipHistory(entries, labels, (field, value) => {
    if (field === 'measure') return measureLabel(String(value));
    if (field === 'localityId') return localities.find((l) => l.id === value)?.name ?? 'the whole area';
    if (field === 'estimate') return number(Number(value));
    return String(value);
  });
}

/** The edit form's values after a conflict: what was typed, with their changes to untouched fields. */
export function mergedForm(form: NeedForm, values: Record<string, string | null>): NeedForm {
  return { ...form, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])) };
}
