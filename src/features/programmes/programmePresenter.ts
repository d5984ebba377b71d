import type { EnrolmentStatus, ProgrammeFormat } from '../../db/schema.ts';
import { ageRangeText } from './enrolmentForm.ts';
import type { CountedSession, EnrolmentRow } from './enrolmentRepository.ts';
import type { ProgrammeRow, WorkerChoice } from './programmeRepository.ts';

export const formatNames: Record<ProgrammeFormat, string> = {
  one_to_one: 'One-to-one',
  group: 'Group',
  mixed: 'One-to-one and group',
};

export const enrolmentStatusNames: Record<EnrolmentStatus, string> = {
  active: 'Taking part',
  completed: 'Completed',
  ended_early: 'Ended early',
};

const statusTags: Record<EnrolmentStatus, string> = {
  active: 'govuk-tag--blue',
  completed: 'govuk-tag--green',
  ended_early: 'govuk-tag--grey',
};

/** The most sessions drawn one by one in the progress visual; longer programmes show the words alone. */
export const maxStepsDrawn = 15;

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

// Days already written, by ISO date: a list of 200 referrals formats a few distinct days many
// times, and each Intl format costs more than the rest of its row. Emptied when it grows large.
const daysWritten = new Map<string, string>();
const daysKept = 5000;

export function formatDay(iso: string | null): string {
  if (!iso) return '';
  let text = daysWritten.get(iso);
  if (text === undefined) {
    text = dayFormat.format(new Date(`${iso}T00:00:00Z`));
    if (daysWritten.size >= daysKept) daysWritten.clear();
    daysWritten.set(iso, text);
  }
  return text;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A programme's shape in a few rows: format, sessions, length, who delivers, ages. */
export function presentShape(p: ProgrammeRow) {
  return {
    format: formatNames[p.format],
    sessions: p.sessionsPlanned === null ? 'Open-ended' : plural(p.sessionsPlanned, 'session', 'sessions'),
    sessionLength:
      p.sessionLengthMinutes === null
        ? 'Not set'
        : p.sessionLengthMinutes % 60 === 0
          ? plural(p.sessionLengthMinutes / 60, 'hour', 'hours')
          : `${p.sessionLengthMinutes} minutes`,
    deliveredBy: p.deliveredBy,
    ages: ageRangeText(p)?.replace(/^aged/, 'Aged') ?? 'Any age',
  };
}

export function presentProgramme(p: ProgrammeRow) {
  return {
    id: p.id,
    href: `/practice/programmes/${p.id}`,
    name: p.name,
    summary: p.summary,
    owner: p.organisationName ?? 'Hearth catalogue',
    ownProgramme: p.organisationId !== null,
    trainedHere: plural(p.trainedHere, 'worker trained', 'workers trained'),
    shape: presentShape(p),
  };
}

/** Sessions attended against the programme's shape: words, and the steps the progress visual draws. */
export function presentProgress(
  row: Pick<EnrolmentRow, 'sessionsPlanned' | 'contactSessions' | 'groupSessions'>,
) {
  const attended = row.contactSessions + row.groupSessions;
  const planned = row.sessionsPlanned;
  if (planned === null)
    return { text: `${plural(attended, 'session', 'sessions')} (open-ended)`, attended, planned, steps: [] };
  const drawn = planned <= maxStepsDrawn;
  return {
    text: `${attended} of ${plural(planned, 'session', 'sessions')}`,
    attended,
    planned,
    label: `Sessions attended: ${attended} of ${planned}`,
    steps: drawn
      ? Array.from({ length: planned }, (_, i) => ({
          label: {
            text: `Session ${i + 1}: ${i < attended ? 'attended' : 'not yet'}`,
            classes: 'govuk-visually-hidden',
          },
          complete: i < attended,
        }))
      : [],
  };
}

export function enrolmentHref(row: Pick<EnrolmentRow, 'familyId' | 'id'>): string {
  return `/practice/families/${row.familyId}/enrolments/${row.id}`;
}

export function presentEnrolment(row: EnrolmentRow, organisationId: string | undefined) {
  return {
    id: row.id,
    href: enrolmentHref(row),
    memberName: row.memberName,
    programmeName: row.programmeName,
    programmeHref: `/practice/programmes/${row.programmeId}`,
    format: formatNames[row.format],
    organisation: row.organisationName,
    worker: row.workerName ?? 'Not named',
    group: row.groupName,
    enrolledOn: formatDay(row.enrolledOn),
    status: enrolmentStatusNames[row.status],
    statusTag: statusTags[row.status],
    active: row.status === 'active',
    endedOn: formatDay(row.endedOn),
    endReason: row.endReason,
    progress: presentProgress(row),
    /** Only the enrolling organisation completes or ends it. */
    canEnd: row.status === 'active' && row.organisationId === organisationId,
  };
}

export function presentSessions(sessions: CountedSession[]) {
  return sessions.map((s) => ({
    on: formatDay(s.on),
    what: s.kind === 'contact' ? `Session with ${s.with}` : `Group session: ${s.with}`,
  }));
}

/** The worker select: trained workers first, labelled with when they were trained. */
export function workerItems(workers: WorkerChoice[], selected: string) {
  return [
    { value: '', text: 'Choose a worker', selected: !selected },
    ...workers.map((w) => ({
      value: w.id,
      text: w.trained
        ? `${w.name} (trained${w.trainedOn ? ` ${formatDay(w.trainedOn)}` : ''})`
        : `${w.name} (not recorded as trained)`,
      selected: w.id === selected,
    })),
  ];
}

/** What a member's card on the family overview shows of their programmes: current ones with progress, and a link to enrol. */
export function overviewEnrolments(familyId: string, personId: string, rows: EnrolmentRow[]) {
  return {
    programmes: rows
      .filter((r) => r.personId === personId)
      .map((r) => ({
        text: `${r.programmeName}: ${r.status === 'active' ? presentProgress(r).text : enrolmentStatusNames[r.status].toLowerCase()}`,
        href: enrolmentHref(r),
      })),
    enrolHref: `/practice/families/${familyId}/enrolments/new?personId=${personId}`,
  };
}
