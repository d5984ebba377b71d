// The provision audit's gap analysis as one of its views: need against
// provision and reach, for the page, the exports, the report and the API.
import type { AuditView } from '../audit/auditView.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { gapFigures } from './gapFigures.ts';
import { gapTables } from './gapTables.ts';

export const gapsView: AuditView = {
  id: 'gaps',
  title: 'Gaps: need against provision and reach',
  summary:
    'Estimated need in each locality and group set against the people supported, the services and kinds of support available, and waits over 6 weeks; each gap with the rule that made it one.',
  pagePath: '/partnership/gaps',
  build: async (db, access, filters) =>
    gapTables(await gapFigures(db, access, filters, todayInUk(new Date()))),
};
