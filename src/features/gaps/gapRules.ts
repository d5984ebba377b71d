// The rules that make something a gap, applied to the raw figures: which
// rule each locality, group, kind of support and service meets. What the
// finding says is worded from the suppressed tables (gapList.ts). Pure.
import {
  fathersShare,
  type GapGroup,
  type GapRule,
  groupReachShare,
  localityReachShare,
  supportKindGroups,
} from './gapDefinitions.ts';
import type { GapFigures, PlaceFigures, WaitFigures } from './gapFigures.ts';

export interface GapFinding {
  rule: GapRule;
  /** A few words for a table's Gaps column: no figures in them. */
  short: string;
  /** For a kind of support: its code. */
  kind?: string;
}

const rate = (p: PlaceFigures) => (p.affected ? p.supported / p.affected : null);

export function localityRules(figures: GapFigures, place: PlaceFigures): GapFinding[] {
  const found: GapFinding[] = [];
  const own = rate(place);
  const area = rate(figures.area);
  if (place.substanceUse === null) found.push({ rule: 'noEstimate', short: 'no estimate of need' });
  else if (place.affected && place.supported === 0)
    found.push({ rule: 'noneSupported', short: 'nobody supported' });
  else if (own !== null && area && own < area * localityReachShare)
    found.push({ rule: 'lowReach', short: 'reach under half the area’s' });
  const id = place.id as string;
  if (!figures.services.some((s) => s.active && s.familySupport && s.basedIn.includes(id)))
    found.push({ rule: 'noServiceBased', short: 'no service based here' });
  return found;
}

export function groupRules(figures: GapFigures, group: GapGroup): GapFinding[] {
  const f = figures.groups.find((g) => g.code === group.code);
  if (!f) return [];
  const found: GapFinding[] = [];
  const estimate = f.estimate?.estimate ?? 0;
  if (f.reached === 0) found.push({ rule: 'groupNoneReached', short: 'nobody supported' });
  else if (estimate > 0 && f.reached < estimate * groupReachShare)
    found.push({ rule: 'groupLowReach', short: 'under 1 in 10 of the estimate supported' });
  if (
    group.code === 'fathers' &&
    figures.parents > 0 &&
    f.reached > 0 &&
    f.reached < figures.parents * fathersShare
  )
    found.push({ rule: 'fewFathers', short: 'under 1 in 4 of the parents supported' });
  if (f.services === 0) found.push({ rule: 'groupNoService', short: 'no service lists them' });
  return found;
}

export function kindRules(figures: GapFigures, place: PlaceFigures): GapFinding[] {
  const id = place.id as string;
  const available = figures.services.filter((s) => s.availableIn(id));
  return supportKindGroups.flatMap((k): GapFinding[] => {
    const offering = available.filter((s) => k.offers(s));
    const based = offering.filter((s) => s.basedIn.includes(id)).length;
    const name = k.label.toLowerCase();
    if (offering.length === 0) return [{ rule: 'kindNone', short: `no ${name}`, kind: k.code }];
    if (based === 0) return [{ rule: 'kindNotBased', short: `${name} only from elsewhere`, kind: k.code }];
    if (based === 1) return [{ rule: 'kindOneBased', short: `${name} from one service here`, kind: k.code }];
    return [];
  });
}

export function waitRules(wait: WaitFigures): GapFinding[] {
  return wait.over6Weeks > 0 ? [{ rule: 'longWait', short: 'waits over 6 weeks' }] : [];
}
