import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { ApiTokenService } from './features/api/apiTokenService.ts';
import { AuditResults } from './features/audit/auditResults.ts';
import { DirectorySnapshots } from './features/directory/directorySnapshot.ts';
import { Mailer } from './features/notifications/mailer.ts';
import { SessionStore } from './platform/auth/sessionStore.ts';
import { SignInService } from './platform/auth/signInService.ts';

/** The app's long-lived services, wired by hand. Repositories are made per request instead. */
export function createServices(
  database: Database,
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'> &
    Partial<Pick<Config, 'baseUrl' | 'smtpUrl' | 'smtpFrom'>>,
) {
  const sessions = new SessionStore(database.db, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  return {
    database,
    db: database.db,
    sessions,
    signIn: new SignInService(database.db, sessions),
    apiTokens: new ApiTokenService(database.db),
    /** The provision audit's figures, kept a few minutes per area and filters. */
    auditResults: new AuditResults(),
    /** The directory in memory for the finder and Open Referral, reloaded when its version moves. */
    directory: new DirectorySnapshots(database.db),
    mailer: new Mailer(database.db, {
      baseUrl: config.baseUrl ?? 'http://localhost:3000',
      smtpUrl: config.smtpUrl,
      smtpFrom: config.smtpFrom,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
