// The provision audit's views, in the order the audit's contents list them.
// The pages, exports, printable report and JSON API all read this list.
import { gapsView } from '../gaps/gapsView.ts';
import { resolveScope } from './auditScope.ts';
import type { AuditView } from './auditView.ts';
import { listingsQuality, outcomesByService, workforceQuality } from './qualityTables.ts';
import { groupsByKind, programmesStarted, servicesByLocality } from './quantityProvision.ts';
import { supportByLocality } from './quantitySupport.ts';
import { reachTables } from './reachPeople.ts';
import { recoveryLink, routeIn } from './reachRoutes.ts';
import { waitingTables } from './waitingTables.ts';

export const auditViews: AuditView[] = [
  {
    id: 'quantity',
    title: 'Quantity',
    summary:
      'What support there is and how much is given: services and groups by locality and who delivers them, places, people and families supported, contacts, group sessions, and programmes started and completed.',
    async build(db, access, filters) {
      const scope = await resolveScope(db, access, filters);
      return Promise.all([
        supportByLocality(db, scope),
        servicesByLocality(db, scope),
        groupsByKind(db, scope),
        programmesStarted(db, scope),
      ]);
    },
  },
  {
    id: 'reach',
    title: 'Reach',
    summary:
      'Who the support reaches: people by age, gender, relationship to the person using alcohol or drugs, bereaved families, young carers and deprivation, by locality; how families come in; and how family support and recovery services reach each other’s families.',
    async build(db, access, filters) {
      const scope = await resolveScope(db, access, filters);
      const [people, route, link] = await Promise.all([
        reachTables(db, scope),
        routeIn(db, scope),
        recoveryLink(db, scope),
      ]);
      return [...people, route, link];
    },
  },
  {
    id: 'waiting-times',
    title: 'Waiting times',
    summary:
      'How soon referrals start support against the standard (90% within 3 weeks), those waiting over 6 weeks and the median wait: by quarter, by service, and by service and quarter.',
    async build(db, access, filters) {
      return waitingTables(db, await resolveScope(db, access, filters));
    },
  },
  {
    id: 'quality',
    title: 'Quality',
    summary:
      'Outcomes on family plan goals by service, each listing’s state and what is not yet recorded (self-assessment, family feedback), and the workforce trained in family programmes and in family-inclusive practice.',
    async build(db, access, filters) {
      const scope = await resolveScope(db, access, filters);
      return Promise.all([
        outcomesByService(db, scope),
        listingsQuality(db, scope),
        workforceQuality(db, scope),
      ]);
    },
  },
  gapsView,
];

export function auditViewById(id: string): AuditView | undefined {
  return auditViews.find((view) => view.id === id);
}
