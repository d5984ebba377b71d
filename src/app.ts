import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { adminRoutes } from './features/admin/adminRoutes.ts';
import { apiRoutes } from './features/api/apiRoutes.ts';
import { assessmentRoutes } from './features/assessment/assessmentRoutes.ts';
import { auditExportRoutes } from './features/audit/auditExportRoutes.ts';
import { auditFactsEveryMs, auditFactsTask } from './features/audit/auditFacts.ts';
import { auditReportRoutes } from './features/audit/auditReportRoutes.ts';
import { auditRoutes } from './features/audit/auditRoutes.ts';
import type { AuditView } from './features/audit/auditView.ts';
import { auditViews } from './features/audit/auditViews.ts';
import { caseloadRoutes } from './features/caseload/caseloadRoutes.ts';
import { consentAndTeamRoutes } from './features/consent/consentAndTeamRoutes.ts';
import { contactRoutes } from './features/contacts/contactRoutes.ts';
import { familyRoutes } from './features/families/familyRoutes.ts';
import { defaultFinderLimits, type FinderLimits, finderRoutes } from './features/finder/finderRoutes.ts';
import { gapRoutes } from './features/gaps/gapRoutes.ts';
import { groupRoutes } from './features/groups/groupRoutes.ts';
import { homeRoutes } from './features/home/homeRoutes.ts';
import { listingRoutes } from './features/listings/listingRoutes.ts';
import { membersRoutes } from './features/members/membersRoutes.ts';
import { needRoutes } from './features/needs/needRoutes.ts';
import { notificationRoutes } from './features/notifications/notificationRoutes.ts';
import { openReferralRoutes } from './features/openreferral/orukRoutes.ts';
import { partnershipRoutes } from './features/partnership/partnershipRoutes.ts';
import { planRoutes } from './features/plan/planRoutes.ts';
import { programmeRoutes } from './features/programmes/programmeRoutes.ts';
import { referralDraftsTask, referralRoutes } from './features/referrals/referralRoutes.ts';
import { relationshipRoutes } from './features/relationships/relationshipRoutes.ts';
import { searchAndChronologyRoutes } from './features/search/searchRoutes.ts';
import { simdRoutes } from './features/simd/simdRoutes.ts';
import { waitingTimesRoutes } from './features/waitingTimes/waitingTimesRoutes.ts';
import { trainingRoutes } from './features/workforce/trainingRoutes.ts';
import { setUpSessions } from './platform/auth/authHooks.ts';
import { signInRoutes } from './platform/auth/signInRoutes.ts';
import { setUpHousekeeping } from './platform/housekeeping.ts';
import { setUpAssets } from './platform/http/assets.ts';
import { setUpErrors } from './platform/http/errors.ts';
import { setUpHealth } from './platform/http/health.ts';
import { setUpMetrics } from './platform/http/metrics.ts';
import { setUpSecurity } from './platform/http/security.ts';
import { loggerOptions, setUpRequestLog } from './platform/logging.ts';
import { pageRoutes } from './platform/views/pageRoutes.ts';
import { setUpViews } from './platform/views/views.ts';
import { createServices } from './services.ts';

export interface AppDeps {
  config: Pick<Config, 'logLevel' | 'trustProxy' | 'sessionIdleMinutes' | 'sessionAbsoluteHours'> &
    Partial<Pick<Config, 'baseUrl' | 'smtpUrl' | 'smtpFrom'>>;
  database: Database;
  /** Partnership figures below this are shown as "fewer than …". */
  smallNumberThreshold?: number;
  /** The provision audit's views; the registered list unless a test gives its own. */
  auditViews?: readonly AuditView[];
  /** Where logs go; standard output when absent. Tests pass a stream to read them. */
  logStream?: { write(line: string): void };
  /** Posts a client address may make a minute to the public finder; a benchmark from one address raises them. */
  finderLimits?: FinderLimits;
}

/** Builds the Hearth server. Read top to bottom, it is the contents page of the app. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const services = createServices(deps.database, deps.config);
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, deps.logStream),
    trustProxy: deps.config.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    return503OnClosing: true,
  });

  setUpRequestLog(app);
  setUpErrors(app);
  await setUpSecurity(app);
  setUpMetrics(app);
  setUpHealth(app, deps.database);
  await setUpAssets(app);
  setUpViews(app);
  setUpSessions(app, services.sessions);
  setUpHousekeeping(app, [
    { name: 'sessions', run: () => services.sessions.prune() },
    { name: 'sign-in failures', run: () => services.signIn.prune() },
    // Emails left waiting (Hearth stopped between a commit and sending): sent on the next round.
    { name: 'email outbox', run: async () => void (await services.mailer.sendWaiting()) },
    referralDraftsTask(services.db),
  ]);
  setUpHousekeeping(app, [auditFactsTask(services.db), services.auditResults.task()], auditFactsEveryMs);

  signInRoutes(app, services.signIn);
  pageRoutes(app);
  homeRoutes(app, services.db);
  familyRoutes(app, services.db);
  consentAndTeamRoutes(app, services.db);
  membersRoutes(app, services.db);
  relationshipRoutes(app, services.db);
  searchAndChronologyRoutes(app, services.db);
  assessmentRoutes(app, services.db);
  planRoutes(app, services.db);
  caseloadRoutes(app, services.db);
  trainingRoutes(app, services.db);
  groupRoutes(app, services.db);
  programmeRoutes(app, services.db);
  contactRoutes(app, services.db);
  referralRoutes(app, services.db, services.mailer);
  partnershipRoutes(app, services.db, deps.smallNumberThreshold ?? 10);
  waitingTimesRoutes(app, services.db, deps.smallNumberThreshold ?? 10);
  const auditOutputOptions = {
    threshold: deps.smallNumberThreshold ?? 10,
    views: (deps.auditViews ?? auditViews).map((view) => services.auditResults.view(view)),
  };
  auditExportRoutes(app, services.db, auditOutputOptions);
  auditReportRoutes(app, services.db, auditOutputOptions);
  needRoutes(app, services.db, services.auditResults);
  gapRoutes(app, services.db, deps.smallNumberThreshold ?? 10, services.auditResults);
  simdRoutes(app, services.db);
  auditRoutes(app, services.db, deps.smallNumberThreshold ?? 10, services.auditResults);
  adminRoutes(app, services);
  finderRoutes(
    app,
    services.db,
    deps.finderLimits ?? defaultFinderLimits,
    services.mailer,
    services.directory,
  );
  listingRoutes(app, services.db);
  notificationRoutes(app, services);
  await apiRoutes(app, services, { smallNumberThreshold: deps.smallNumberThreshold ?? 10 });
  await openReferralRoutes(app, services.db, services.directory);

  return app;
}
