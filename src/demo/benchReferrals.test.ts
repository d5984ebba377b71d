import { describe, expect, it } from 'vitest';
import { daysBetween, openStatuses } from '../features/referrals/referralStatus.ts';
import {
  type BenchReferralContext,
  benchReferral,
  benchReferralKey,
  benchReferrals,
} from './benchReferrals.ts';

const organisations = Array.from({ length: 20 }, (_, o) => ({
  id: `org-${o}`,
  serviceIds: o === 19 ? [] : [`s-${o}-a`, `s-${o}-b`, `s-${o}-c`],
  workerIds: [`w-${o}-a`, `w-${o}-b`],
  families:
    o === 18
      ? []
      : Array.from({ length: 30 }, (_, f) => ({
          id: `f-${o}-${f}`,
          personIds: [`p-${o}-${f}-1`, `p-${o}-${f}-2`],
        })),
}));
const now = new Date('2026-12-02T08:00:00Z');
const context: BenchReferralContext = { seed: 1, now, benchOrganisationId: 'org-0', organisations };
const sample = benchReferrals(context, 1, 20_000);

describe('benchmark referrals', () => {
  it('makes the same referral whichever batch it falls in', () => {
    const again = benchReferrals(context, 101, 5);
    const pick = ({ id: _id, ...rest }: (typeof sample)[number]) => rest;
    expect(again.map(pick)).toEqual(sample.slice(100, 105).map(pick));
    expect(benchReferral({ ...context, seed: 2 }, 101).sentAt).not.toEqual(sample[100]?.sentAt);
    expect(benchReferralKey(42)).toBe('bench-referral-00000042');
  });

  it('refers from a family on the referring team to another organisation’s service, never to one with no services', () => {
    for (const r of sample.slice(0, 2000)) {
      const from = organisations.find((o) => o.id === r.referringOrganisationId);
      const to = organisations.find((o) => o.id === r.organisationId);
      expect(r.organisationId).not.toBe(r.referringOrganisationId);
      expect(to?.serviceIds).toContain(r.serviceId);
      const family = from?.families.find((f) => f.id === r.familyId);
      expect(family).toBeDefined();
      expect(r.memberIds.length).toBeGreaterThan(0);
      expect(r.memberIds.every((id) => family?.personIds.includes(id))).toBe(true);
      expect(from?.workerIds).toContain(r.referredBy);
    }
  });

  it('sends them over about three years, with history that follows the status rules up to now', () => {
    const days = sample.map((r) => (now.getTime() - r.sentAt.getTime()) / 86_400_000);
    expect(Math.min(...days)).toBeGreaterThan(0);
    expect(Math.max(...days)).toBeLessThan(3 * 365 + 1);
    expect(Math.max(...days)).toBeGreaterThan(3 * 365 - 10);
    for (const r of sample) {
      expect(r.events[0]).toMatchObject({ from: null, to: 'draft' });
      expect(r.events[1]).toMatchObject({ from: 'draft', to: 'new', at: r.sentAt });
      r.events.slice(1).forEach((e, i) => {
        expect(e.from).toBe(r.events[i]?.to);
        expect(e.at.getTime()).toBeGreaterThanOrEqual(r.events[i]?.at.getTime() ?? 0);
      });
      expect(r.events.at(-1)?.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(r.status).toBe(r.events.at(-1)?.to);
      expect(r.version).toBe(r.events.length);
      expect(r.declineReason !== null).toBe(r.status === 'declined');
      if (r.firstSupportOn) expect(daysBetween(r.consentOn, r.firstSupportOn)).toBeGreaterThanOrEqual(0);
      expect(r.firstSupportOn !== null).toBe(r.events.some((e) => e.to === 'started'));
    }
  }, 30_000);

  it('has a realistic mix: mostly closed in the end, a tenth declined, most started within three weeks', () => {
    const share = (f: (r: (typeof sample)[number]) => boolean) => sample.filter(f).length / sample.length;
    for (const status of ['new', 'waiting', 'accepted', 'started', 'declined', 'closed'] as const)
      expect(share((r) => r.status === status)).toBeGreaterThan(0);
    expect(share((r) => r.status === 'closed')).toBeGreaterThan(0.6);
    expect(share((r) => r.status === 'declined')).toBeGreaterThan(0.08);
    expect(share((r) => r.status === 'declined')).toBeLessThan(0.16);
    const started = sample.filter((r) => r.firstSupportOn);
    const within = started.filter((r) => daysBetween(r.consentOn, r.firstSupportOn as string) <= 21);
    expect(within.length / started.length).toBeGreaterThan(0.7);
    expect(within.length / started.length).toBeLessThan(0.9);
    expect(started.some((r) => daysBetween(r.consentOn, r.firstSupportOn as string) > 42)).toBe(true);
  });

  it('sends the bench organisation a tenth of them, enough for 200 open at a million', () => {
    const toBench = sample.filter((r) => r.organisationId === 'org-0');
    expect(toBench.length / sample.length).toBeGreaterThan(0.08);
    expect(toBench.length / sample.length).toBeLessThan(0.12);
    const open = toBench.filter((r) => openStatuses.includes(r.status)).length;
    const fresh = toBench.filter((r) => r.status === 'new').length;
    // Scaled to a million referrals, the inbox's first tab alone holds more than 200.
    expect((fresh * 1_000_000) / sample.length).toBeGreaterThan(200);
    expect(open).toBeGreaterThan(fresh);
  });
});
