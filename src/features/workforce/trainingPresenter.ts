// A worker's training in words: the team's list, and each record.
import { roleText } from '../caseload/caseloadPresenter.ts';
import { addDays } from '../plan/planSchedule.ts';
import { formatDay } from '../programmes/programmePresenter.ts';
import { levelNames, topicNames } from './trainingForm.ts';
import type { TrainingRecord, WorkerTraining } from './trainingRepository.ts';

/** Training to be refreshed within this many days is shown as due soon. */
export const renewalNoticeDays = 60;

const tag = (text: string, classes: string) => ({ text, classes });

/** One worker's row in the team's list. */
export function presentWorkerTraining(row: WorkerTraining, today: string) {
  const soon = row.nextRenewal !== null && row.nextRenewal <= addDays(today, renewalNoticeDays);
  return {
    userId: row.userId,
    name: row.name,
    role: roleText(row.roles),
    href: `/practice/training/workers/${row.userId}`,
    familyInclusive: row.familyInclusiveOn
      ? tag(`Trained ${formatDay(row.familyInclusiveOn)}`, 'govuk-tag--green')
      : tag('None recorded', 'govuk-tag--grey'),
    trauma: row.traumaLevel ? levelNames[row.traumaLevel] : 'None recorded',
    current: row.current,
    renewal: [
      soon && row.nextRenewal ? `Refresh by ${formatDay(row.nextRenewal)}` : '',
      row.lapsed > 0 ? `${row.lapsed} out of date` : '',
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** How many of the team have family-inclusive practice training in date: for the page's summary. */
export function teamSummary(rows: readonly WorkerTraining[]) {
  const trained = rows.filter((r) => r.familyInclusiveOn !== null).length;
  return { workers: rows.length, trained, untrained: rows.length - trained };
}

/** One record, as its worker's page lists it. */
export function presentRecord(record: TrainingRecord, today: string) {
  const lapsed = record.renewBy !== null && record.renewBy < today;
  return {
    id: record.id,
    topic:
      record.topic === 'trauma_practice' && record.traumaLevel
        ? `${topicNames.trauma_practice.text}: ${levelNames[record.traumaLevel].toLowerCase()}`
        : topicNames[record.topic].text,
    course: record.course,
    provider: record.provider ?? 'Not recorded',
    completedOn: formatDay(record.completedOn),
    renewBy: record.renewBy ? formatDay(record.renewBy) : 'No date set',
    state: record.withdrawnAt
      ? tag('Withdrawn', 'govuk-tag--grey')
      : lapsed
        ? tag('Out of date', 'govuk-tag--red')
        : tag('In date', 'govuk-tag--green'),
    withdrawn: record.withdrawnAt !== null,
    withdrawnText: record.withdrawnAt
      ? `Withdrawn by ${record.withdrawnBy ?? 'a former user'} on ${formatDay(record.withdrawnAt.slice(0, 10))}: ${record.withdrawnReason ?? ''}`
      : '',
    recordedText: `Recorded by ${record.recordedBy ?? 'a former user'} on ${formatDay(record.createdAt.slice(0, 10))}`,
    withdrawHref: `/practice/training/records/${record.id}/withdraw`,
  };
}
