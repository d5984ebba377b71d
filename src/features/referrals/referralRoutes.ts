import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { HousekeepingTask } from '../../platform/housekeeping.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { deleteOldDrafts } from './referralCreate.ts';
import { referralInboxRoutes } from './referralInboxRoutes.ts';
import { referralLinkRoutes } from './referralLinkRoutes.ts';
import { referralMakeRoutes } from './referralMakeRoutes.ts';
import { referralOutsideRoutes } from './referralOutside.ts';
import { referralPageRoutes } from './referralPageRoutes.ts';
import { referralSplitRoutes } from './referralSplitRoutes.ts';

/**
 * Referrals between services: making them from a family, the inbox, a
 * referral's page with its moves, deciding member by member, and the secure
 * links of services outside Hearth. Moves queue their emails through the
 * mailer, nudged after commit.
 */
export function referralRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  referralMakeRoutes(app, db, mailer);
  referralInboxRoutes(app, db);
  referralSplitRoutes(app, db, mailer);
  referralPageRoutes(app, db, mailer);
  referralOutsideRoutes(app, db, mailer);
  referralLinkRoutes(app, db, mailer);
}

/** Housekeeping: drafts not sent within 30 days are deleted. */
export function referralDraftsTask(db: Db): HousekeepingTask {
  return { name: 'referral drafts', run: async () => void (await deleteOldDrafts(db)) };
}
