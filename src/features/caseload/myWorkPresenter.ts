import type { TodaysGroup } from '../groups/groupRepository.ts';
import { displayName } from '../members/memberAge.ts';
import { addDays } from '../plan/planSchedule.ts';
import { contactDueDays, type MyWork } from './myWorkRepository.ts';

/** Whether a member is due a contact: none yet, or the last attended one is `contactDueDays` old. */
export function contactDue(lastContactOn: string | null, today: string): boolean {
  return lastContactOn === null || lastContactOn <= addDays(today, -contactDueDays);
}

/** The home page's "My work": the worker's members, those due a contact first, and today's groups. */
export function presentMyWork(work: MyWork, today: string, groups: readonly TodaysGroup[] = []) {
  const members = work.members.map((m) => ({
    name: displayName({
      givenName: m.givenName,
      preferredName: m.preferredName,
      familyName: m.memberFamilyName,
    }),
    family: `${m.reference} ${m.familyName}`,
    href: `/practice/families/${m.familyId}`,
    support: m.status === 'being_supported' ? 'Being supported' : 'Support not started',
    lastContactOn: m.lastContactOn,
    due: contactDue(m.lastContactOn, today),
  }));
  return {
    members,
    totals: work.totals,
    more: work.totals.members > members.length && members.length > 0,
    groups,
  };
}
