import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { TestBrowser, testApp } from '../../testing/testApp.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { planScenario } from '../plan/planTesting.ts';
import { isoWeekday } from './groupRepository.ts';

/** A date input's three fields for an ISO date. */
export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
}

/**
 * The team scenario with each practitioner signed in, and a way to add a
 * group at the home organisation through its form: for at most `capacity`
 * people, meeting on today's weekday unless told otherwise.
 */
export async function groupScenario(database: Database, app: Awaited<ReturnType<typeof testApp>>) {
  const s = await planScenario(database, app);
  const today = todayInUk(new Date());

  async function addGroup(browser: TestBrowser, form: Record<string, string> = {}): Promise<string> {
    await browser.get('/practice/groups/new');
    const response = await browser.post('/practice/groups/new', {
      name: 'Carse family support group',
      kind: 'family_support',
      forWhom: 'Adults affected by a loved one’s drinking or drug use',
      location: 'Carse Community Centre',
      meets: 'Weekly, 7pm to 8.30pm',
      weekday: String(isoWeekday(today)),
      capacity: '3',
      attendance: 'anonymous',
      'facilitator-1-who': s.homeWorker.id,
      'facilitator-1-kind': 'paid',
      'facilitator-2-who': 'other',
      'facilitator-2-name': 'Margaret Hunter',
      'facilitator-2-kind': 'peer',
      ...form,
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    const id = /\/practice\/groups\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1];
    return id as string;
  }

  return { ...s, today, yesterday: addDays(today, -1), addGroup };
}
