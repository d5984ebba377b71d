import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import { type AccessContext, canSeePersonalData, hasRole } from '../../platform/access/accessContext.ts';
import {
  dueShown,
  type MyMember,
  type MyWork,
  type MyWorkValues,
  myMembersCtes,
  myShownJson,
  myTotals,
  myWorkValues,
} from '../caseload/myWorkRepository.ts';
import {
  isoWeekday,
  type TodaysGroup,
  type TodaysGroupRow,
  todaysGroupsSql,
  withGroupLinks,
} from '../groups/groupRepository.ts';
import { type OverdueItem, type OverdueValues, overdueCtes } from '../plan/overdueRepository.ts';

/** The signed-in worker's lists on the home page. */
export interface HomeWork {
  overdue: OverdueItem[];
  myWork: MyWork;
  groups: TodaysGroup[];
}

type HomeValues = OverdueValues & MyWorkValues & { weekday: number };

/**
 * The home page's three lists in one statement, one round trip: the overdue
 * plan work, the members due a contact and today's groups. Each list is the
 * same SQL its own page reads (`overdueCtes`, `myMembersCtes`,
 * `todaysGroupsSql`), so the access rules and the audit events (one for each
 * list that shows anyone) are the same too; only the trips are saved.
 */
function homeStatement(lead: boolean) {
  return preparedQuery<HomeValues, { overdue: OverdueItem[]; members: MyMember[]; groups: TodaysGroupRow[] }>(
    (values) => sql`with ${overdueCtes(lead, values)}, ${myMembersCtes(true, dueShown, values)}
      select
        (select coalesce(json_agg(o order by "dueOn", reference, id), '[]'::json) from overdue_shown o) as overdue,
        ${myShownJson} as members,
        (select coalesce(json_agg(g order by g.name, g.id), '[]'::json) from (${todaysGroupsSql(values)}) g) as groups`,
  );
}

const workersHome = homeStatement(false);
const teamLeadsHome = homeStatement(true);

/**
 * The signed-in user's overdue plan work, members due a contact (with their
 * totals, kept a few seconds) and today's groups; empty lists for anyone who
 * sees no personal data.
 */
export async function findHomeWork(db: Db, access: AccessContext, today: string): Promise<HomeWork> {
  if (!access.userId || !access.organisationId || !canSeePersonalData(access))
    return { overdue: [], myWork: { members: [], totals: { members: 0, families: 0, due: 0 } }, groups: [] };
  const statement = hasRole(access, 'team_lead') ? teamLeadsHome : workersHome;
  const values = { ...myWorkValues(access, today), today, weekday: isoWeekday(today) };
  const [[row], totals] = await Promise.all([statement(db, values), myTotals(db, access, today)]);
  return {
    overdue: row?.overdue ?? [],
    myWork: { members: row?.members ?? [], totals },
    groups: withGroupLinks(row?.groups ?? []),
  };
}
