import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type AccessContext, canSeePersonalData, hasRole } from '../../platform/access/accessContext.ts';
import { requireUser } from '../../platform/auth/authHooks.ts';
import type { SessionUser } from '../../platform/auth/sessionStore.ts';
import { navigationFor } from '../../platform/views/navigation.ts';
import { NoticeRepository } from '../breakGlass/noticeRepository.ts';
import { presentMyWork } from '../caseload/myWorkPresenter.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { FamilyRepository } from '../families/familyRepository.ts';
import { ReferralRepository } from '../referrals/referralRepository.ts';
import { longWaits } from '../waitingTimes/waitingTimesRepository.ts';
import { FigureCache } from './figureCache.ts';
import { type HomeView, homeBody } from './homeMarkup.ts';
import { findHomeWork } from './homeWorkRepository.ts';
import { presentOverdue } from './overduePresenter.ts';

const sectionText: Record<string, string> = {
  '/practice':
    'The families your organisation works with: members, the team around each family, and their record.',
  '/partnership':
    'Figures for the partnership area: organisations, families supported by locality. Counts only, never names.',
  '/admin': 'Your organisation’s users, API tokens and audit trail.',
};

/** How long the home page's open families figure may be old. */
export const openFamiliesSeconds = 10;

export interface ReferralsWaiting {
  /** Received, not yet decided. */
  new: number;
  /** On the waiting list. */
  waiting: number;
  /** Accepted, support not yet started. */
  accepted: number;
}

async function referralsWaiting(db: Db, access: AccessContext): Promise<ReferralsWaiting> {
  const counts = await new ReferralRepository(db, access).inboxCounts({ serviceId: '', urgency: '' });
  return { new: counts.new ?? 0, waiting: counts.waiting ?? 0, accepted: counts.accepted ?? 0 };
}

/** The signed-in home page: one card for each section the user's roles open. */
export function homeRoutes(app: FastifyInstance, db: Db): void {
  // The count walks the organisation's whole caseload, so it is kept for a few seconds per
  // organisation (it is the same for everyone there) instead of being made on every view.
  // Who may see it is still checked on every request; see bench/RESULTS.md for why.
  const openFamiliesByOrganisation = new FigureCache<number>(openFamiliesSeconds * 1000);
  // The organisation's inbox counts, kept as briefly: the same for everyone there.
  const referralsByOrganisation = new FigureCache<ReferralsWaiting>(openFamiliesSeconds * 1000);
  app.get('/', { preHandler: requireUser }, async (request, reply) => {
    const access = request.access;
    const openFamilies =
      canSeePersonalData(access) && access.organisationId
        ? await openFamiliesByOrganisation.get(access.organisationId, () =>
            new FamilyRepository(db, access).countOpen(),
          )
        : undefined;
    const today = todayInUk(new Date());
    const practice = canSeePersonalData(access);
    const lead = practice && hasRole(access, 'team_lead') && access.organisationId;
    const [work, notices, waits, referrals] = await Promise.all([
      // One statement: the user's overdue plan work, members due a contact and today's groups,
      // access-checked and audited in SQL.
      practice ? findHomeWork(db, access, today) : undefined,
      new NoticeRepository(db, access).unread(),
      // A team lead's flag: referrals to their organisation waiting over 3 and 6 weeks (counts only).
      lead ? longWaits(db, lead, today) : undefined,
      // Referrals waiting in the organisation's inbox: a decision, a place, or support to start (counts only).
      practice && access.organisationId
        ? referralsByOrganisation.get(access.organisationId, () => referralsWaiting(db, access))
        : undefined,
    ]);
    const view: HomeView = {
      openFamilies,
      overdue: work && presentOverdue(work.overdue, today),
      myWork: work && presentMyWork(work.myWork, today, work.groups),
      isTeamLead: hasRole(access, 'team_lead'),
      longWaits: waits,
      referralsWaiting: referrals,
      notices,
      canBreakGlass: hasRole(access, 'practitioner', 'team_lead'),
      sections: navigationFor(request.user, '').map((item) => ({
        ...item,
        description: sectionText[item.href],
      })),
    };
    const user = request.user as SessionUser;
    return reply.page('features/home/home.njk', {
      body: (csrfToken: string) => homeBody(view, user, csrfToken),
    });
  });
}
