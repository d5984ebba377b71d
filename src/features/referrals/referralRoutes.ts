import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { HousekeepingTask } from '../../platform/housekeeping.ts';
import { deleteOldDrafts } from './referralCreate.ts';
import { referralInboxRoutes } from './referralInboxRoutes.ts';
import { referralMakeRoutes } from './referralMakeRoutes.ts';
import { referralPageRoutes } from './referralPageRoutes.ts';
import { referralSplitRoutes } from './referralSplitRoutes.ts';

/** Referrals between services: making them from a family, the inbox, and a referral's page with its moves, and deciding member by member. */
export function referralRoutes(app: FastifyInstance, db: Db): void {
  referralMakeRoutes(app, db);
  referralInboxRoutes(app, db);
  referralSplitRoutes(app, db);
  referralPageRoutes(app, db);
}

/** Housekeeping: drafts not sent within 30 days are deleted. */
export function referralDraftsTask(db: Db): HousekeepingTask {
  return { name: 'referral drafts', run: async () => void (await deleteOldDrafts(db)) };
}
